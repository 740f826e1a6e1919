import { h } from '../dom.ts'
import type { Say } from './say.ts'

const MAX_BYTES = 1024 * 1024

/**
 * A chosen file as the object the package API takes. Only what the API cannot be asked about is
 * checked here (too large, not JSON, not an object); every other check is the server's, so the
 * reasons read the same in the builder, the consultant page and the CLI.
 */
export async function readPackageFile(file: File, say: Say): Promise<{ pkg: object } | { error: string }> {
  if (file.size > MAX_BYTES) return { error: say('fileTooLarge', { kb: MAX_BYTES / 1024 }) }
  let data: unknown
  try {
    data = JSON.parse(await file.text())
  } catch (error) {
    return { error: say('notJson', { reason: (error as Error).message.split('\n')[0]! }) }
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) return { error: say('notObject') }
  return { pkg: data }
}

/** The package file field (see `fileInput`). */
export function packageFileInput(say: Say): { input: HTMLInputElement; element: HTMLElement; clear: () => void } {
  return fileInput(say, { name: 'package-file', accept: '.json,application/json', label: say('packageFile') })
}

/**
 * A file field in the page's language: the browser's own button speaks the browser's language, so a
 * button of ours stands in front of the same input (kept focusable, and for the tests).
 */
export function fileInput(
  say: Say,
  field: { name: string; accept: string; label: string },
): { input: HTMLInputElement; element: HTMLElement; clear: () => void } {
  const input = h('input.visually-hidden', {
    type: 'file',
    name: field.name,
    accept: field.accept,
    'aria-label': field.label,
  })
  const chosen = h('span.file-name', { text: say('noFileChosen') })
  const show = () => (chosen.textContent = input.files?.[0]?.name ?? say('noFileChosen'))
  input.addEventListener('change', show)
  const clear = () => {
    input.value = ''
    show()
  }
  return {
    input,
    element: h('label.file-choice', null, input, h('span.file-button', { text: say('chooseFile') }), chosen),
    clear,
  }
}

/** Offers `data` as a JSON file download. */
export function downloadJson(fileName: string, data: unknown): void {
  const url = URL.createObjectURL(new Blob([`${JSON.stringify(data, null, 2)}\n`], { type: 'application/json' }))
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  document.body.append(link)
  link.click()
  link.remove()
  // The browser has taken the file by the next turn; keep the URL a little longer for slow ones.
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
