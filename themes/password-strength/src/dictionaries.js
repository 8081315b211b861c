// Single source of the word lists used by the strength indicator AND by the
// server's deny list (build.mjs writes dist/monespace-denylist.txt from
// DENYLIST_SOURCES below, the indicator builds its Set from the same arrays),
// so what the indicator calls "deny-listed" is exactly what Keycloak refuses.
//
// Deep imports of the packages' dist modules (they are prefix-compressed) let
// us leave out the large Wikipedia list, which barely changes scores for
// passwords that already satisfy the realm policy.
import adjacencyGraphs from '@zxcvbn-ts/language-common/dist/adjacencyGraphs.json.mjs'
import diceware from '@zxcvbn-ts/language-common/dist/diceware.json.mjs'
import passwords from '@zxcvbn-ts/language-common/dist/passwords.json.mjs'
import commonWordsFr from '@zxcvbn-ts/language-fr/dist/commonWords.json.mjs'
import firstnamesFr from '@zxcvbn-ts/language-fr/dist/firstnames.json.mjs'
import lastnamesFr from '@zxcvbn-ts/language-fr/dist/lastnames.json.mjs'
import wordSequencesFr from '@zxcvbn-ts/language-fr/dist/wordSequences.json.mjs'
import translationsFr from '@zxcvbn-ts/language-fr/dist/translations.mjs'

export const dictionary = {
  'passwords-common': passwords,
  'diceware-common': diceware,
  'commonWords-fr': commonWordsFr,
  'firstnames-fr': firstnamesFr,
  'lastnames-fr': lastnamesFr,
  ...wordSequencesFr,
}

export { adjacencyGraphs, translationsFr }

// zxcvbn-ts publishes no French *password* list: its common list (leaked
// passwords, all languages) plus the French common-words list stand for
// "common + French" here.
export const DENYLIST_SOURCES = ['passwords-common', 'commonWords-fr']

/**
 * Deny-list entries, lower-cased like Keycloak does (DenylistPasswordPolicyProvider
 * lower-cases both the file lines and the candidate, then tests exact equality),
 * de-duplicated, in source order. Entries that could not survive a line-based
 * file (empty, or holding a line break) are dropped.
 * @returns {string[]}
 */
export function denylistEntries() {
  const seen = new Set()
  const out = []
  for (const source of DENYLIST_SOURCES) {
    for (const word of dictionary[source]) {
      const entry = String(word).toLowerCase()
      if (entry === '' || /[\r\n\u2028\u2029\u0085]/.test(entry) || seen.has(entry)) continue
      seen.add(entry)
      out.push(entry)
    }
  }
  return out
}
