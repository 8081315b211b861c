// The heavy half of the indicator (zxcvbn-ts + dictionaries, ~750 kB minified):
// bundled separately as password-strength-engine.js and imported lazily by the
// widget when a password field gets focus, so pages load without it.
import { ZxcvbnFactory } from '@zxcvbn-ts/core'
import { adjacencyGraphs, denylistEntries, dictionary, translationsFr } from './dictionaries.js'

/**
 * @returns {{isDenied(pw: string): boolean, score(pw: string, inputs?: string[]): number, denylistSize: number}}
 */
export function createEngine() {
  const zxcvbn = new ZxcvbnFactory({
    dictionary,
    graphs: adjacencyGraphs,
    translations: translationsFr,
    // Scoring is only asked for policy-compliant passwords; 128 characters is
    // plenty and bounds the matching time on pasted walls of text.
    maxLength: 128,
  })
  const denied = new Set(denylistEntries())
  return {
    // Same comparison as DenylistPasswordPolicyProvider: lower-case, exact.
    isDenied: (pw) => denied.has(String(pw).toLowerCase()),
    score: (pw, inputs = []) => zxcvbn.check(pw, inputs).score,
    denylistSize: denied.size,
  }
}
