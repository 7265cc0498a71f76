/**
 * Why schools declined a visit, grouped into a few plain categories so that a collation can count reasons without
 * quoting what anyone typed: a reason in a school's own words can name the school, its staff or its circumstances.
 * The first category whose words the reason holds is its group; a reason that holds none is "Another reason".
 */

export const DECLINE_REASON_GROUPS = [
  { group: 'An inspection or other priorities', words: /ofsted|inspect|priorit|\bsats\b|exam|\btests?\b|mock/i },
  { group: 'Staff absence or changes', words: /staff|absen|\bleave\b|vacan|\bill\b|illness|sick|maternity|recruit|new (head|lead)|leadership|interim|acting/i },
  { group: 'Time, workload or the dates offered', words: /\btime\b|busy|workload|capacity|\bdates?\b|diary|calendar|schedul|pressure|term|week|too much/i },
  { group: 'Not wanted or not seen as needed', words: /not (interested|needed|necessary|wanted|required)|no need|unnecessary|not a priority|prefer|decline|do not wish|don't wish/i },
] as const;

export const OTHER_DECLINE_REASON = 'Another reason';

/** The group a declined visit's reason falls in (see DECLINE_REASON_GROUPS). */
export function declineReasonGroup(reason: string | undefined): string {
  const text = (reason ?? '').trim();
  return DECLINE_REASON_GROUPS.find((g) => g.words.test(text))?.group ?? OTHER_DECLINE_REASON;
}
