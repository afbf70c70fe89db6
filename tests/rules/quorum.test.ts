import { QuorumRule } from '../../src/domain/enums';
import { isAdopted, quorumOf } from '../../src/domain/quorum';

/**
 * When a meeting can decide and when a resolution passes (the bodies' rules of procedure, as the
 * seeds state them): a quorum is more than half of the voting members (MAJORITY), at least two
 * thirds of them (TWO_THIRDS), or not needed (NONE); a resolution is adopted by a meeting with a
 * quorum when more than half of the voting members present vote for it. For every body of up to 15
 * voting members and every attendance. No database: tests/meetings/resolutions.test.ts records the
 * same through GraphQL.
 */

/** The rule as people count it: the smallest attendance that is enough. */
function smallestEnough(rule: QuorumRule, seated: number): number {
  for (let present = 0; present <= seated; present++) {
    if (rule === QuorumRule.NONE) return 0;
    if (rule === QuorumRule.MAJORITY && present > seated / 2) return present;
    if (rule === QuorumRule.TWO_THIRDS && present * 3 >= seated * 2 && present > 0) return present;
  }
  return Infinity;
}

test('every rule, every body size, every attendance: how many are needed and whether they are there', () => {
  for (const rule of Object.values(QuorumRule)) {
    for (let seated = 0; seated <= 15; seated++) {
      const needed = smallestEnough(rule, seated);
      for (let present = 0; present <= seated; present++) {
        const quorum = quorumOf(rule, present, seated);
        expect([rule, seated, present, quorum.reached, quorum.presentVoting, quorum.totalVoting]).toEqual([rule, seated, present, present >= needed, present, seated]);
        if (Number.isFinite(needed)) expect([rule, seated, quorum.required]).toEqual([rule, seated, needed]);
      }
    }
  }
});

test('the counts people know: 5 of 9 and 6 of 9, a body without voting members', () => {
  expect(quorumOf(QuorumRule.MAJORITY, 5, 9)).toEqual({ presentVoting: 5, totalVoting: 9, required: 5, reached: true });
  expect(quorumOf(QuorumRule.MAJORITY, 4, 8)).toEqual({ presentVoting: 4, totalVoting: 8, required: 5, reached: false });
  expect(quorumOf(QuorumRule.TWO_THIRDS, 5, 9)).toEqual({ presentVoting: 5, totalVoting: 9, required: 6, reached: false });
  expect(quorumOf(QuorumRule.TWO_THIRDS, 6, 9)).toEqual({ presentVoting: 6, totalVoting: 9, required: 6, reached: true });
  // Nobody with a vote seated: only a body that needs no quorum can decide.
  expect(quorumOf(QuorumRule.MAJORITY, 0, 0)).toEqual({ presentVoting: 0, totalVoting: 0, required: 1, reached: false });
  expect(quorumOf(QuorumRule.TWO_THIRDS, 0, 0)).toEqual({ presentVoting: 0, totalVoting: 0, required: 0, reached: false });
  expect(quorumOf(QuorumRule.NONE, 0, 0)).toEqual({ presentVoting: 0, totalVoting: 0, required: 0, reached: true });
});

test('a resolution passes with more than half of the voting members present for it, and never without a quorum', () => {
  for (const rule of Object.values(QuorumRule)) {
    for (let seated = 0; seated <= 9; seated++) {
      for (let present = 0; present <= seated; present++) {
        const quorum = quorumOf(rule, present, seated);
        for (let votesFor = 0; votesFor <= present; votesFor++) {
          expect([rule, seated, present, votesFor, isAdopted(quorum, votesFor)]).toEqual([rule, seated, present, votesFor, quorum.reached && votesFor > present / 2]);
        }
      }
    }
  }
  // A tie is not a majority.
  expect(isAdopted(quorumOf(QuorumRule.MAJORITY, 6, 9), 3)).toBe(false);
  expect(isAdopted(quorumOf(QuorumRule.MAJORITY, 6, 9), 4)).toBe(true);
  expect(isAdopted(quorumOf(QuorumRule.MAJORITY, 4, 9), 4)).toBe(false);
});
