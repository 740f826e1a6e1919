import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'

/** A PDF's pages and the text of each (pdfjs), spaces between runs collapsed, to assert on what a reader sees. */
export async function pdfText(data: Uint8Array): Promise<{ pages: number; text: string[] }> {
  const doc = await getDocument({ data: new Uint8Array(data), useSystemFonts: false, isEvalSupported: false }).promise
  try {
    const text: string[] = []
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n)
      const content = await page.getTextContent()
      text.push(
        content.items
          .map((item) => ('str' in item ? item.str + (item.hasEOL ? ' ' : '') : ''))
          .join('')
          .replace(/\s+/g, ' ')
          .trim(),
      )
    }
    return { pages: doc.numPages, text }
  } finally {
    await doc.destroy()
  }
}
