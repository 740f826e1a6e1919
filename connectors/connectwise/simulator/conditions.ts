import { invalidParameter } from './errors.js'

/**
 * ConnectWise's `conditions` grammar (reference §5), parsed once per request and compiled to a predicate over the
 * records the simulator serves: quoted strings, `[date-times]`, numbers, True/False, null, `/` paths into reference
 * objects, `= != < <= > >=`, `like` (`*` and `%` wildcards), `contains`, `in (...)`, `not`, `and`/`or` and parentheses.
 * Keywords and field names match case-insensitively; SQL Server's default collation compares text that way too.
 */

export type CwRecord = Record<string, unknown>
export type CwPredicate = (record: CwRecord) => boolean

type Literal = { kind: 'string'; value: string } | { kind: 'number'; value: number } | { kind: 'date'; value: number }
type Value = Literal | { kind: 'boolean'; value: boolean } | { kind: 'null' }

type Token =
  | { type: 'word'; text: string; at: number }
  | { type: 'op'; text: string; at: number }
  | { type: 'punct'; text: '(' | ')' | ','; at: number }
  | { type: 'value'; value: Value; at: number }

const WORD = /[A-Za-z_][A-Za-z0-9_/.]*/y
const NUMBER = /-?\d+(?:\.\d+)?(?![A-Za-z_/])/y
const OPERATOR = /!=|<>|<=|>=|=|<|>/y

/** Reads a record's value at a `/` path; keys match case-insensitively and `_info` answers for fields it holds. */
export function readPath(record: CwRecord, path: string): unknown {
  const segments = path.split('/')
  let current: unknown = record
  for (const [index, segment] of segments.entries()) {
    if (current == null || typeof current !== 'object') return undefined
    const object = current as CwRecord
    const key = keyOf(object, segment)
    if (key === undefined && index === 0) {
      const info = object._info as CwRecord | undefined
      const infoKey = info ? keyOf(info, segment) : undefined
      current = infoKey === undefined ? undefined : info![infoKey]
      continue
    }
    current = key === undefined ? undefined : object[key]
  }
  return current
}

function keyOf(object: CwRecord, name: string): string | undefined {
  if (name in object) return name
  const lower = name.toLowerCase()
  return Object.keys(object).find((key) => key.toLowerCase() === lower)
}

/** Whether a path names something records of this shape have (its first segment, or a field of `_info`). */
export function knowsPath(sample: CwRecord | undefined, path: string): boolean {
  if (!sample) return true
  const first = path.split('/')[0]!
  if (keyOf(sample, first) !== undefined) return true
  const info = sample._info as CwRecord | undefined
  return info !== undefined && keyOf(info, first) !== undefined
}

/**
 * Compiles `conditions` (or childConditions/customFieldConditions text) for records shaped like `sample`; throws a
 * 400 naming the first problem. An empty text matches everything.
 */
export function compileConditions(text: string, sample: CwRecord | undefined, parameter = 'conditions'): CwPredicate {
  if (text.trim() === '') return () => true
  const parser = new Parser(tokenize(text, parameter), parameter, sample)
  const predicate = parser.expression()
  parser.expectEnd()
  return predicate
}

/** The first field path an expression reads (childConditions filters the array it points into). */
export function firstPath(text: string, parameter: string): string | undefined {
  const token = tokenize(text, parameter).find(
    (token) => token.type === 'word' && !KEYWORDS.has(token.text.toLowerCase()),
  )
  return token?.type === 'word' ? token.text : undefined
}

const KEYWORDS = new Set(['and', 'or', 'not', 'like', 'contains', 'in', 'true', 'false', 'null'])

function tokenize(text: string, parameter: string): Token[] {
  const tokens: Token[] = []
  let at = 0
  const fail = (message: string): never => {
    throw invalidParameter(parameter, `${message} at position ${at + 1}`)
  }
  while (at < text.length) {
    const char = text[at]!
    if (/\s/.test(char)) {
      at++
      continue
    }
    if (char === '(' || char === ')' || char === ',') {
      tokens.push({ type: 'punct', text: char, at })
      at++
      continue
    }
    if (char === '"' || char === "'") {
      let value = ''
      let end = at + 1
      for (; end < text.length && text[end] !== char; end++) {
        // `\"` and `\\` escape inside a string; `[[]` is a literal `[`.
        if (text[end] === '\\' && end + 1 < text.length) value += text[++end]
        else if (text.startsWith('[[]', end)) {
          value += '['
          end += 2
        } else value += text[end]
      }
      if (end >= text.length) fail('unterminated string')
      tokens.push({ type: 'value', value: { kind: 'string', value }, at })
      at = end + 1
      continue
    }
    if (char === '[') {
      const end = text.indexOf(']', at)
      if (end < 0) fail('unterminated [date]')
      const instant = parseCwDate(text.slice(at + 1, end))
      if (instant === undefined) fail(`"${text.slice(at + 1, end)}" is not a date-time`)
      tokens.push({ type: 'value', value: { kind: 'date', value: instant! }, at })
      at = end + 1
      continue
    }
    const sticky = (pattern: RegExp) => {
      pattern.lastIndex = at
      return pattern.exec(text)?.[0]
    }
    const number = sticky(NUMBER)
    if (number !== undefined) {
      tokens.push({ type: 'value', value: { kind: 'number', value: Number(number) }, at })
      at += number.length
      continue
    }
    const operator = sticky(OPERATOR)
    if (operator !== undefined) {
      tokens.push({ type: 'op', text: operator === '<>' ? '!=' : operator, at })
      at += operator.length
      continue
    }
    const word = sticky(WORD)
    if (word === undefined) fail(`unexpected "${char}"`)
    tokens.push({ type: 'word', text: word!, at })
    at += word!.length
  }
  return tokens
}

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i

/** ms since the epoch for the date forms clients send: `...Z`, with fractions, with an offset, or naive (UTC). */
export function parseCwDate(text: string): number | undefined {
  const match = DATE_TIME.exec(text.trim())
  if (!match) return undefined
  const [, year, month, day, hour = '0', minute = '0', second = '0', fraction = '', zone = 'Z'] = match
  const ms = Date.UTC(+year!, +month! - 1, +day!, +hour, +minute, +second, +(fraction + '000').slice(0, 3))
  const check = new Date(ms)
  if (check.getUTCMonth() !== +month! - 1 || check.getUTCDate() !== +day!) return undefined
  if (+hour > 23 || +minute > 59 || +second > 59) return undefined
  const offset =
    zone.toUpperCase() === 'Z' ? 0 : (zone.startsWith('-') ? -1 : 1) * (+zone.slice(1, 3) * 60 + +zone.slice(-2))
  return ms - offset * 60_000
}

class Parser {
  private index = 0

  constructor(
    private readonly tokens: Token[],
    private readonly parameter: string,
    private readonly sample: CwRecord | undefined,
  ) {}

  expression(): CwPredicate {
    const terms = [this.term()]
    while (this.acceptWord('or')) terms.push(this.term())
    return terms.length === 1 ? terms[0]! : (record) => terms.some((term) => term(record))
  }

  expectEnd(): void {
    const token = this.tokens[this.index]
    if (token) this.fail(`unexpected ${describe(token)}`, token)
  }

  private term(): CwPredicate {
    const factors = [this.factor()]
    while (this.acceptWord('and')) factors.push(this.factor())
    return factors.length === 1 ? factors[0]! : (record) => factors.every((factor) => factor(record))
  }

  private factor(): CwPredicate {
    if (this.acceptPunct('(')) {
      const inner = this.expression()
      this.expectPunct(')')
      return inner
    }
    if (this.acceptWord('not')) {
      const inner = this.factor()
      return (record) => !inner(record)
    }
    return this.comparison()
  }

  private comparison(): CwPredicate {
    const token = this.next('a field name')
    if (token.type !== 'word' || KEYWORDS.has(token.text.toLowerCase())) {
      this.fail(`expected a field name, found ${describe(token)}`, token)
    }
    const path = (token as { text: string }).text
    if (!knowsPath(this.sample, path)) this.fail(`unknown field "${path}"`, token)
    const read = (record: CwRecord) => readPath(record, path)

    const negated = this.acceptWord('not')
    const operator = this.next('an operator')
    const word = operator.type === 'word' ? operator.text.toLowerCase() : ''
    let test: CwPredicate
    if (word === 'like' || word === 'contains') {
      const pattern = this.literal()
      if (pattern.kind !== 'string') this.fail(`${word} needs a quoted string`, operator)
      const needle = (pattern as { value: string }).value
      const regex = word === 'like' ? likePattern(needle) : null
      const lower = needle.toLowerCase()
      test = (record) => {
        const actual = read(record)
        if (actual == null || typeof actual === 'object') return false
        return regex ? regex.test(String(actual)) : String(actual).toLowerCase().includes(lower)
      }
    } else if (word === 'in') {
      this.expectPunct('(')
      const members = [this.literal()]
      while (this.acceptPunct(',')) members.push(this.literal())
      this.expectPunct(')')
      test = (record) => {
        const actual = read(record)
        return members.some((member) => compare(actual, member) === 0)
      }
    } else if (operator.type === 'op' && !negated) {
      const value = this.literal()
      test = comparisonTest(operator.text, read, value)
    } else {
      return this.fail(`expected an operator after ${path}, found ${describe(operator)}`, operator)
    }
    return negated ? (record) => read(record) != null && !test(record) : test
  }

  private literal(): Value {
    const token = this.next('a value')
    if (token.type === 'value') return token.value
    if (token.type === 'word') {
      const word = token.text.toLowerCase()
      if (word === 'true' || word === 'false') return { kind: 'boolean', value: word === 'true' }
      if (word === 'null') return { kind: 'null' }
    }
    return this.fail(`expected a value, found ${describe(token)}`, token)
  }

  private next(what: string): Token {
    const token = this.tokens[this.index++]
    if (!token) throw invalidParameter(this.parameter, `expected ${what} at the end`)
    return token
  }

  private acceptWord(word: string): boolean {
    const token = this.tokens[this.index]
    if (token?.type !== 'word' || token.text.toLowerCase() !== word) return false
    this.index++
    return true
  }

  private acceptPunct(text: '(' | ')' | ','): boolean {
    const token = this.tokens[this.index]
    if (token?.type !== 'punct' || token.text !== text) return false
    this.index++
    return true
  }

  private expectPunct(text: '(' | ')' | ','): void {
    if (!this.acceptPunct(text)) {
      const token = this.tokens[this.index]
      if (!token) throw invalidParameter(this.parameter, `expected "${text}" at the end`)
      this.fail(`expected "${text}", found ${describe(token)}`, token)
    }
  }

  private fail(message: string, token: Token): never {
    throw invalidParameter(this.parameter, `${message} at position ${token.at + 1}`)
  }
}

function describe(token: Token): string {
  if (token.type === 'value') return token.value.kind === 'null' ? 'null' : `${token.value.kind} value`
  return `"${token.text}"`
}

function comparisonTest(operator: string, read: (record: CwRecord) => unknown, value: Value): CwPredicate {
  if (value.kind === 'null') {
    if (operator === '=') return (record) => read(record) == null
    if (operator === '!=') return (record) => read(record) != null
    return () => false
  }
  const accept = ORDER_TESTS[operator]!
  return (record) => {
    const order = compare(read(record), value)
    return order !== undefined && accept(order)
  }
}

const ORDER_TESTS: Record<string, (order: number) => boolean> = {
  '=': (order) => order === 0,
  '!=': (order) => order !== 0,
  '<': (order) => order < 0,
  '<=': (order) => order <= 0,
  '>': (order) => order > 0,
  '>=': (order) => order >= 0,
}

/** Orders a record's value against a literal; undefined when either is null or they cannot be compared. */
function compare(actual: unknown, literal: Value): number | undefined {
  if (actual == null || literal.kind === 'null' || typeof actual === 'object') return undefined
  switch (literal.kind) {
    case 'boolean':
      return typeof actual === 'boolean' ? Number(actual) - Number(literal.value) : undefined
    case 'number': {
      const number = typeof actual === 'number' ? actual : typeof actual === 'string' ? Number(actual) : NaN
      return Number.isNaN(number) ? undefined : Math.sign(number - literal.value)
    }
    case 'date': {
      const instant = typeof actual === 'string' ? parseCwDate(actual) : undefined
      return instant === undefined ? undefined : Math.sign(instant - literal.value)
    }
    case 'string': {
      if (typeof actual === 'string') {
        // A quoted date against a date field still compares as dates, as clients sometimes send it quoted.
        const left = parseCwDate(actual)
        const right = left === undefined ? undefined : parseCwDate(literal.value)
        if (left !== undefined && right !== undefined) return Math.sign(left - right)
      }
      const left = String(actual).toLowerCase()
      const right = literal.value.toLowerCase()
      return left < right ? -1 : left > right ? 1 : 0
    }
  }
}

function likePattern(pattern: string): RegExp {
  const source = pattern
    .split('')
    .map((char) => (char === '*' || char === '%' ? '.*' : char.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
    .join('')
  return new RegExp(`^${source}$`, 'is')
}
