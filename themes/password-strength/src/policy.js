// Client-side mirror of the Keycloak password policy providers the realm uses
// (keycloak-server-spi-private, org.keycloak.policy.*PasswordPolicyProvider),
// and the rule that turns policy + zxcvbn score into Faible / Moyen / Fort.
//
// THE RULE: the indicator never says Moyen or Fort for a password the server
// would refuse. Any doubt resolves to Faible (weak):
//   - a policy failure                          -> weak
//   - deny-listed (case-insensitive, exact)     -> weak
//   - scoring engine not loaded yet             -> weak (re-evaluated on load)
//   - passes everything: zxcvbn score 0..3      -> medium (Moyen)
//                        zxcvbn score 4         -> strong (Fort)
// Fort is kept for score 4 (> 10^10 guesses): at score 3 zxcvbn still rates
// "Azerty123456!" or "Docteur2024!!", which a doctor should not read as strong.
// Limits: policies Keycloak does not expose to templates (password history,
// regex pattern, notContainsUsername) cannot be checked here; the server-side
// error then shows next to the field. The server's deny list is a Bloom filter
// (false positive probability 0.0001 by default): it may, very rarely, refuse a
// password the indicator accepted.

// Java checks each UTF-16 code unit (String.toCharArray) with
// Character.isDigit / isLowerCase / isUpperCase / isLetterOrDigit; the Unicode
// properties below are the same definitions (Nd, Lowercase = Ll + Other_Lowercase,
// Uppercase = Lu + Other_Uppercase, L). A lone surrogate matches none of them,
// as in Java, so an emoji counts as two "special" characters on both sides.
const DIGIT = /^\p{Nd}$/u
const LOWER = /^\p{Lowercase}$/u
const UPPER = /^\p{Uppercase}$/u
const LETTER = /^\p{L}$/u

/** MonEspace realm policy, used when the page gives no policy data attributes. */
export const DEFAULT_POLICY = Object.freeze({
  length: 12,
  maxLength: 0,
  digits: 1,
  lowerCase: 1,
  upperCase: 1,
  specialChars: 1,
  notUsername: true,
  notEmail: true,
})

export const LEVELS = Object.freeze({ WEAK: 'weak', MEDIUM: 'medium', STRONG: 'strong' })

/** zxcvbn score (0..4) at and above which a policy-compliant password is "Fort". */
export const STRONG_SCORE = 4

function countUnits(password, re) {
  let n = 0
  for (let i = 0; i < password.length; i++) {
    if (re.test(password[i])) n++
  }
  return n
}

function countSpecial(password) {
  let n = 0
  for (let i = 0; i < password.length; i++) {
    const c = password[i]
    if (!LETTER.test(c) && !DIGIT.test(c)) n++
  }
  return n
}

// Java's Character.toUpperCase/toLowerCase(char) never expand one char into
// several (unlike String methods: "ß" -> "SS"); keep the char when JS would.
function charUpper(c) {
  const u = c.toUpperCase()
  return u.length === 1 ? u : c
}
function charLower(c) {
  const l = c.toLowerCase()
  return l.length === 1 ? l : c
}

/**
 * String.equalsIgnoreCase as Java does it, widened to also accept a full
 * lower-case match: erring towards "equal" only ever makes the indicator
 * stricter, never more lenient than the server.
 */
export function equalsIgnoreCase(a, b) {
  if (a == null || b == null) return false
  if (a.toLowerCase() === b.toLowerCase()) return true
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) {
    const c1 = a[i]
    const c2 = b[i]
    if (c1 === c2) continue
    const u1 = charUpper(c1)
    const u2 = charUpper(c2)
    if (u1 === u2) continue
    if (charLower(u1) === charLower(u2)) continue
    return false
  }
  return true
}

function toInt(value, fallback) {
  if (value === undefined || value === null || value === '') return fallback
  const n = Number.parseInt(value, 10)
  return Number.isFinite(n) && n > 0 ? n : 0
}

function toBool(value, fallback) {
  if (value === undefined || value === null || value === '') return fallback
  return value === true || value === 'true'
}

/**
 * Reads the policy from data attributes (element.dataset, or any object with
 * the same keys): policyLength, policyMaxLength, policyDigits, policyLowerCase,
 * policyUpperCase, policySpecialChars, policyNotUsername, policyNotEmail.
 * A missing attribute falls back to DEFAULT_POLICY; "0"/"false" disables a rule.
 */
export function policyFromDataset(ds = {}) {
  return {
    length: toInt(ds.policyLength, DEFAULT_POLICY.length),
    maxLength: toInt(ds.policyMaxLength, DEFAULT_POLICY.maxLength),
    digits: toInt(ds.policyDigits, DEFAULT_POLICY.digits),
    lowerCase: toInt(ds.policyLowerCase, DEFAULT_POLICY.lowerCase),
    upperCase: toInt(ds.policyUpperCase, DEFAULT_POLICY.upperCase),
    specialChars: toInt(ds.policySpecialChars, DEFAULT_POLICY.specialChars),
    notUsername: toBool(ds.policyNotUsername, DEFAULT_POLICY.notUsername),
    notEmail: toBool(ds.policyNotEmail, DEFAULT_POLICY.notEmail),
  }
}

/**
 * Names of the policy rules the password breaks (empty array: compliant).
 * @param {string} password
 * @param {object} policy  see policyFromDataset
 * @param {{username?: string, email?: string}} ctx
 */
export function policyFailures(password, policy, ctx = {}) {
  const pw = password ?? ''
  const failures = []
  // An empty password is refused before any policy runs.
  if (pw.length === 0) failures.push('empty')
  if (policy.length && pw.length < policy.length) failures.push('length')
  if (policy.maxLength && pw.length > policy.maxLength) failures.push('maxLength')
  if (policy.digits && countUnits(pw, DIGIT) < policy.digits) failures.push('digits')
  if (policy.lowerCase && countUnits(pw, LOWER) < policy.lowerCase) failures.push('lowerCase')
  if (policy.upperCase && countUnits(pw, UPPER) < policy.upperCase) failures.push('upperCase')
  if (policy.specialChars && countSpecial(pw) < policy.specialChars) failures.push('specialChars')
  if (policy.notUsername && ctx.username && equalsIgnoreCase(ctx.username, pw)) failures.push('notUsername')
  if (policy.notEmail && ctx.email && equalsIgnoreCase(ctx.email, pw)) failures.push('notEmail')
  return failures
}

/** Words zxcvbn should treat as guessable for this site and this person. */
export function userInputs(ctx = {}) {
  const inputs = ['ordre', 'medecin', 'medecins', 'médecin', 'médecins', 'monespace', 'rpps', 'cnom']
  if (ctx.username) inputs.push(ctx.username)
  if (ctx.email) {
    inputs.push(ctx.email)
    const local = ctx.email.split('@')[0]
    if (local) inputs.push(local, ...local.split(/[._+-]+/).filter((p) => p.length > 2))
  }
  return inputs
}

/**
 * @param {string} password
 * @param {object} policy
 * @param {{username?: string, email?: string}} ctx
 * @param {null | {isDenied(pw: string): boolean, score(pw: string, inputs: string[]): number}} engine
 *        null while the scoring engine is still loading
 * @returns {{level: 'weak'|'medium'|'strong', failures: string[], score?: number, pending?: boolean}}
 */
export function assess(password, policy, ctx, engine) {
  const failures = policyFailures(password, policy, ctx)
  if (failures.length > 0) return { level: LEVELS.WEAK, failures }
  if (!engine) return { level: LEVELS.WEAK, failures, pending: true }
  if (engine.isDenied(password)) return { level: LEVELS.WEAK, failures: ['denylist'] }
  const score = engine.score(password, userInputs(ctx))
  return { level: score >= STRONG_SCORE ? LEVELS.STRONG : LEVELS.MEDIUM, failures, score }
}
