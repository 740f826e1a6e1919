import { access, constants } from 'node:fs/promises'
import { chromium } from 'playwright-core'
import { escapeHtml } from './html.js'

// An HTML document to a PDF in headless Chromium: A4, backgrounds printed (status colours), page numbers in the
// footer. One browser per render (reports are few, and nothing stays running between them), closed on every path.

export class PdfError extends Error {
  override name = 'PdfError'
}

export interface PdfOptions {
  /** The Chromium to launch (config.chromiumPath). */
  executablePath: string
  /** The footer's "page" word: `Page 1 of 3` / `Pagina 1 van 3`. */
  footer: { page: string; of: string; left?: string }
}

export async function renderPdf(html: string, options: PdfOptions): Promise<Buffer> {
  try {
    await access(options.executablePath, constants.X_OK)
  } catch {
    throw new PdfError(
      `Chromium was not found at ${options.executablePath}: install it (apt-get install -y chromium) or set ROLEBOARD_CHROMIUM to its path`,
    )
  }
  const browser = await chromium
    .launch({ executablePath: options.executablePath, args: ['--headless', '--no-sandbox', '--disable-gpu'] })
    .catch((error: Error) => {
      throw new PdfError(`Chromium at ${options.executablePath} did not start: ${error.message.split('\n')[0]}`)
    })
  try {
    const page = await browser.newPage()
    // The document carries everything it shows (inline styles and images): nothing is fetched.
    await page.route('**/*', (route) => route.abort())
    await page.setContent(html, { waitUntil: 'load' })
    const { footer } = options
    const pdf = await page.pdf({
      format: 'A4',
      printBackground: true,
      margin: { top: '14mm', bottom: '16mm', left: '14mm', right: '14mm' },
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate:
        `<div style="font: 8pt sans-serif; color: #555; width: 100%; padding: 0 14mm; display: flex; justify-content: space-between">` +
        `<span>${escapeHtml(footer.left ?? '')}</span>` +
        `<span>${escapeHtml(footer.page)} <span class="pageNumber"></span> ${escapeHtml(footer.of)} <span class="totalPages"></span></span></div>`,
    })
    return Buffer.from(pdf)
  } finally {
    await browser.close().catch(() => undefined)
  }
}
