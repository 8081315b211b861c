// `npm test`: the indicator must never say Moyen/Fort for a password the server
// refuses. The "server" here is an independent transcription of the Keycloak
// providers (org.keycloak.policy.*PasswordPolicyProvider, Java semantics per
// UTF-16 char) plus the deny list file, compared with the indicator's verdict
// over generated cases, deny-listed ones included.
import assert from 'node:assert/strict'
import { existsSync, readFileSync } from 'node:fs'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { denylistEntries } from '../src/dictionaries.js'
import { createEngine } from '../src/engine.js'
import { assess, DEFAULT_POLICY, LEVELS, policyFromDataset } from '../src/policy.js'

const DENYLIST_FILE = fileURLToPath(new URL('../dist/monespace-denylist.txt', import.meta.url))

// ---- reference server -------------------------------------------------------
const javaIsDigit = (c) => /^\p{Nd}$/u.test(c)
const javaIsLetter = (c) => /^\p{L}$/u.test(c)
// Java: Ll or Other_Lowercase, which is what the derived property Lowercase is.
const javaIsLower = (c) => /^\p{Lowercase}$/u.test(c)
const javaIsUpper = (c) => /^\p{Uppercase}$/u.test(c)
const chars = (s) => Array.from({ length: s.length }, (_, i) => String.fromCharCode(s.charCodeAt(i)))
const single = (c, f) => (f(c).length === 1 ? f(c) : c)
function javaEqualsIgnoreCase(a, b) {
  if (a.length !== b.length) return false
  return chars(a).every((c1, i) => {
    const c2 = b[i]
    if (c1 === c2) return true
    const u1 = single(c1, (x) => x.toUpperCase())
    const u2 = single(c2, (x) => x.toUpperCase())
    return u1 === u2 || single(u1, (x) => x.toLowerCase()) === single(u2, (x) => x.toLowerCase())
  })
}

function loadServerDenylist() {
  // Keycloak reads the file line by line and lower-cases each line.
  if (existsSync(DENYLIST_FILE)) {
    return new Set(readFileSync(DENYLIST_FILE, 'utf8').split(/\r\n|\r|\n/).filter((l) => l !== '').map((l) => l.toLowerCase()))
  }
  return new Set(denylistEntries())
}

function serverRefuses(pw, policy, ctx, denylist) {
  const cs = chars(pw)
  if (pw.length === 0) return true
  if (policy.length && pw.length < policy.length) return true
  if (policy.maxLength && pw.length > policy.maxLength) return true
  if (policy.digits && cs.filter(javaIsDigit).length < policy.digits) return true
  if (policy.lowerCase && cs.filter(javaIsLower).length < policy.lowerCase) return true
  if (policy.upperCase && cs.filter(javaIsUpper).length < policy.upperCase) return true
  if (policy.specialChars && cs.filter((c) => !javaIsLetter(c) && !javaIsDigit(c)).length < policy.specialChars) return true
  if (policy.notUsername && ctx.username && javaEqualsIgnoreCase(ctx.username, pw)) return true
  if (policy.notEmail && ctx.email && javaEqualsIgnoreCase(ctx.email, pw)) return true
  return denylist.has(pw.toLowerCase())
}

// ---- case generation --------------------------------------------------------
function mulberry32(seed) {
  return () => {
    seed |= 0
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
const ALPHABETS = [
  'abcdefghijklmnopqrstuvwxyz',
  'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  '0123456789',
  '!@#$%^&*()-_=+[]{};:,.?/ ',
  'éèêàçùÉÈÀÇßœŒ', // accented letters count as letters, not specials
  '٣٤५߂', // non-ASCII decimal digits (Character.isDigit says yes)
  'ªº', // Other_Lowercase letters
  'ⅠⅫ', // Other_Uppercase (Roman numerals): upper case, not letters -> special too
  '😀🔒', // surrogate pairs: two "special" chars each in Java
]
function randomPassword(rand) {
  const len = Math.floor(rand() * 22)
  const pools = ALPHABETS.filter(() => rand() < 0.6)
  const pool = Array.from((pools.length ? pools : ALPHABETS).join(''))
  let s = ''
  while (s.length < len) s += pool[Math.floor(rand() * pool.length)]
  return s
}
const variants = (w) => [w, w.toUpperCase(), w[0].toUpperCase() + w.slice(1), w.replace(/[a-z]/g, (c, i) => (i % 2 ? c.toUpperCase() : c))]

const engine = createEngine()
const serverDenylist = loadServerDenylist()
const CTX = { username: '10003456789', email: 'Jean.Dupont-2024@cn.medecin.fr' }

function check(pw, policy, ctx) {
  const refused = serverRefuses(pw, policy, ctx, serverDenylist)
  const { level } = assess(pw, policy, ctx, engine)
  if (refused) {
    assert.equal(level, LEVELS.WEAK, `server refuses ${JSON.stringify(pw)} but the indicator says ${level}`)
  }
  return { refused, level }
}

test('deny list file and indicator use the same entries', () => {
  const entries = denylistEntries()
  assert.ok(entries.length > 50000, 'common password list present')
  assert.equal(engine.denylistSize, entries.length)
  for (const e of entries) assert.equal(e, e.toLowerCase())
  if (existsSync(DENYLIST_FILE)) {
    const text = readFileSync(DENYLIST_FILE, 'utf8')
    assert.ok(text.endsWith('\n') && !text.includes('\r'))
    assert.deepEqual(text.slice(0, -1).split('\n'), entries)
  }
})

test('never Moyen/Fort for a refused password: random passwords', () => {
  const rand = mulberry32(20260617)
  let refused = 0
  let accepted = 0
  for (let i = 0; i < 600; i++) {
    const r = check(randomPassword(rand), DEFAULT_POLICY, CTX)
    if (r.refused) refused++
    else {
      accepted++
      assert.notEqual(r.level, LEVELS.WEAK, 'a compliant password is rated Moyen or Fort')
    }
  }
  assert.ok(refused > 100 && accepted > 50, `both outcomes generated (refused ${refused}, accepted ${accepted})`)
})

test('never Moyen/Fort for a refused password: deny-listed passwords in any case', () => {
  let cases = 0
  for (const entry of denylistEntries()) {
    for (const pw of variants(entry)) {
      check(pw, DEFAULT_POLICY, CTX)
      cases++
    }
  }
  // The entries that satisfy every other rule once capitalised: only the deny
  // list stops them, and the indicator must still say Faible.
  for (const pw of ['P030710p$e4o', 'Nick1234-rem936', 'NICK1234-rem936']) {
    assert.ok(serverRefuses(pw, DEFAULT_POLICY, CTX, serverDenylist))
    assert.equal(assess(pw, DEFAULT_POLICY, CTX, engine).level, LEVELS.WEAK)
  }
  assert.ok(cases > 200000)
})

test('never Moyen/Fort for the e-mail or the username, whatever the case', () => {
  const policy = { ...DEFAULT_POLICY }
  for (const email of ['Jean.Dupont-2024@cn.medecin.fr', 'DR.Marie-Curie1867@exemple.fr']) {
    for (const pw of [email, email.toLowerCase(), email.toUpperCase().replace('@', '@')]) {
      const ctx = { email, username: '' }
      if (/\p{Ll}/u.test(pw) && /\p{Lu}/u.test(pw)) {
        // Only mixed-case variants pass the other rules: notEmail must catch them.
        assert.equal(serverRefuses(pw, policy, { email: '' }, serverDenylist), false)
      }
      check(pw, policy, ctx)
      assert.equal(assess(pw, policy, ctx, engine).level, LEVELS.WEAK)
    }
  }
  const username = 'Dr.Username-2024'
  check(username.toLowerCase().replace('d', 'D').replace('u', 'U'), policy, { username })
  assert.equal(assess('dR.uSERNAME-2024', policy, { username }, engine).level, LEVELS.WEAK)
})

test('policies read from the page: other lengths and counts are honoured', () => {
  const rand = mulberry32(7)
  const policies = [
    policyFromDataset({ policyLength: '16', policyDigits: '2', policySpecialChars: '2' }),
    policyFromDataset({ policyLength: '8', policyUpperCase: '0', policyMaxLength: '14' }),
    policyFromDataset({ policyLength: '0', policyDigits: '0', policyLowerCase: '0', policyUpperCase: '0', policySpecialChars: '0', policyNotEmail: 'false' }),
  ]
  for (const policy of policies) {
    for (let i = 0; i < 150; i++) check(randomPassword(rand), policy, CTX)
  }
  assert.equal(policies[2].length, 0)
  assert.equal(policies[1].maxLength, 14)
})

test('no verdict above Faible while the engine is loading', () => {
  const r = assess('Xk7#pL9!vQ2@mZ4$', DEFAULT_POLICY, CTX, null)
  assert.equal(r.level, LEVELS.WEAK)
  assert.equal(r.pending, true)
})

test('compliant passwords: Moyen for guessable ones, Fort for strong ones', () => {
  assert.equal(assess('Motdepasse1!', DEFAULT_POLICY, CTX, engine).level, LEVELS.MEDIUM)
  assert.equal(assess('Azerty123456!', DEFAULT_POLICY, CTX, engine).level, LEVELS.MEDIUM)
  assert.equal(assess('Xk7#pL9!vQ2@mZ4$', DEFAULT_POLICY, CTX, engine).level, LEVELS.STRONG)
  assert.equal(assess('court', DEFAULT_POLICY, CTX, engine).level, LEVELS.WEAK)
})
