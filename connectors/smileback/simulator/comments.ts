// What end users write under a SmileBack rating, per rating, in the languages of a Dutch or Belgian MSP's
// customers (mostly Dutch, some English).

type Rating = -1 | 0 | 1

export const COMMENTS: Record<Rating, { nl: readonly string[]; en: readonly string[] }> = {
  1: {
    nl: [
      'Snel opgelost, top!',
      'Heel vriendelijk en duidelijk uitgelegd.',
      'Binnen een kwartier weer aan het werk, dank!',
      'Prima geholpen, zoals altijd.',
      'Fijn dat jullie meteen terugbelden.',
      'Super, de printer doet het weer.',
    ],
    en: [
      'Quick fix, thanks!',
      'Very helpful and patient.',
      'Sorted within the hour, great service.',
      'Clear explanation, thank you.',
    ],
  },
  0: {
    nl: [
      'Opgelost, maar het duurde wat lang.',
      'Werkt nu, al weet ik niet wat er mis was.',
      'Moest twee keer bellen voordat het werd opgepakt.',
    ],
    en: ['Fixed in the end, took a while.', 'OK, but I had to chase it twice.'],
  },
  [-1]: {
    nl: [
      'Duurde drie dagen voordat iemand reageerde.',
      'Probleem is niet echt opgelost, het komt steeds terug.',
      'Ticket gesloten zonder dat iemand contact met mij opnam.',
      'Niemand belde terug, erg teleurstellend.',
    ],
    en: [
      'Nobody got back to me for two days.',
      'The ticket was closed but the problem is still there.',
      'Had to explain the issue three times to different people.',
    ],
  },
}
