/// <reference lib="dom" />
import type { Page } from 'playwright-core'
import { ADMIN_STRINGS } from '../../web/src/admin/strings.js'

// Is a page of the builder, the package screens or the consultant page English anywhere? Checked with
// the English of the builder's own strings, so every string added to the table is checked too.

/**
 * What a person reads there that the screens did not write: KPI names and texts, row texts, link names,
 * tenant names, sync errors and the PSA's own status and source names. Those come from the server or the user and are checked elsewhere.
 */
const CONTENT = [
  '.kpi-card strong',
  '.description',
  '.live',
  '.tile-name strong',
  '.strip-list strong',
  '.action-list',
  '.link-list strong',
  'select[name=goal]',
  'select[name=role]',
  '.tenants td.name',
  '.sync-error',
  '.psa-name',
].join(', ')

/**
 * The English words of the builder's own strings (those that differ in Dutch), as whole-word patterns:
 * the fixed parts around each `{placeholder}`, three letters or more, that the Dutch text does not have too.
 */
function englishPhrases(): Array<{ key: string; phrase: string; pattern: RegExp }> {
  const phrases: Array<{ key: string; phrase: string; pattern: RegExp }> = []
  for (const [key, text] of Object.entries(ADMIN_STRINGS)) {
    if (text.en === text.nl) continue
    for (const form of text.en.split('|')) {
      for (const part of form.split(/\{\w+\}/)) {
        const phrase = part.replace(/^[\s:;,.()“”"'·→]+|[\s:;,.()“”"'·→]+$/g, '')
        if ((phrase.match(/[A-Za-z]/g)?.length ?? 0) < 3 || phrases.some((known) => known.phrase === phrase)) continue
        const escaped = phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
        const pattern = new RegExp(`(^|[^A-Za-z])${escaped}($|[^A-Za-z])`)
        // A word both languages use ("labels", "trend") is no sign of English.
        if (!pattern.test(text.nl)) phrases.push({ key, phrase, pattern })
      }
    }
  }
  return phrases
}

/** Every text on the page a person reads or hears (text, labels, placeholders, tooltips), but the content. */
function pageWords(page: Page): Promise<string[]> {
  return page.evaluate((content) => {
    const words: string[] = []
    const skip = (el: Element) => el.closest(content) !== null || el.closest('[hidden]') !== null
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
    while (walker.nextNode()) {
      const el = walker.currentNode.parentElement
      const text = walker.currentNode.textContent?.trim()
      if (el && text && !skip(el) && el.tagName !== 'SCRIPT' && el.tagName !== 'STYLE') words.push(text)
    }
    for (const el of Array.from(document.body.querySelectorAll('[aria-label], [placeholder], [title]'))) {
      if (skip(el)) continue
      for (const name of ['aria-label', 'placeholder', 'title']) {
        const value = el.getAttribute(name)
        if (value) words.push(value)
      }
    }
    return words
  }, CONTENT)
}

/**
 * The builder's English phrases found on the page, as `key: phrase` (none on a Dutch page). `content`:
 * texts of the user's or a package's own (a dashboard title, a description), left out wherever they stand.
 */
export async function englishLeft(page: Page, content: string[] = []): Promise<string[]> {
  const words = (await pageWords(page)).map((word) => content.reduce((rest, text) => rest.replaceAll(text, ''), word))
  return englishPhrases()
    .filter(({ pattern }) => words.some((word) => pattern.test(word)))
    .map(({ key, phrase }) => `${key}: ${phrase}`)
}
