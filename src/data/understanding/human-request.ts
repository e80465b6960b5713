/**
 * A caller asking for a person, in the many ways callers do ("can I speak to the owner", "put me
 * through to the kitchen", "is there someone there I can talk to", "get me a human"), or raising
 * something only a person can settle: a complaint, a refund, an earlier order that went wrong.
 * Either way the agent hands over (blueprint escalation `caller_request`) instead of reading the
 * words as food ("a complaint" is not an off-menu item). Works on folded text (lowercase, no
 * punctuation or apostrophes: "i'd" → "id").
 */
const someone =
  '(?:a |an |the |your |some |one of the |one of your )?(?:real |actual |live |human |other )?' +
  '(?:person|people|human|humans|human being|manager|owner|boss|supervisor|chef|cook|kitchen|staff|employee|somebody|someone|anyone|anybody|operator|agent|representative|waiter|waitress|cashier|receptionist|restaurant|shop)';

const ASK_FOR_PERSON = new RegExp(
  [
    // "speak to / talk with / chat to" + someone
    `\\b(?:speak|talk|chat)(?:ing)? (?:to|with) ${someone}\\b`,
    // "put me through to", "connect me with", "transfer me to", "pass me to"
    `\\b(?:put|connect|transfer|pass|forward|patch) (?:me|this call|the call|my call)(?: through| over)? (?:to|with) ${someone}\\b`,
    // "get me a human", "i want the manager", "can i have someone please": the whole request, so
    // that a dish named after a person ("the chef special", "the boss burger") stays an order.
    `\\b(?:get|give|fetch|find) me ${someone}(?: please| now| on the phone| there)?$`,
    `\\b(?:i want|i need|id like|i would like|can i have|could i have|may i have|can i get|could i get) ${someone}(?: please| now| on the phone| there)?$`,
    // "is there someone there I can talk to", "is anybody there"
    '\\bis (?:there )?(?:someone|somebody|anyone|anybody) (?:there|real|i can (?:talk|speak) to|to (?:talk|speak) to)\\b',
    '\\b(?:i dont want|i do not want|no more) (?:to (?:talk|speak) to )?(?:a |an |the |this )?(?:robot|machine|computer|bot)\\b',
    // Dutch
    '\\b(?:medewerker|iemand spreken|echt persoon|een mens|de eigenaar|de manager)\\b',
  ].join('|'),
);

/** Matters an order-taker cannot settle: they go to a person. */
const COMPLAINT = new RegExp(
  [
    '\\b(?:complaint|complain|complaining|refund|money back|reimburse|reimbursement|klacht|klagen)\\b',
    // An earlier order that went wrong: "my order never arrived", "the order last night was cold".
    '\\b(?:my|our|the|last) (?:order|food|delivery)\\b.*\\b(?:never (?:came|arrived|showed up|turned up)|didnt (?:come|arrive|show up|turn up)|did not (?:come|arrive)|was (?:wrong|cold|missing|late|incomplete)|were (?:wrong|missing)|went wrong)\\b',
  ].join('|'),
);

export function asksForPerson(folded: string): boolean {
  return ASK_FOR_PERSON.test(folded) || COMPLAINT.test(folded);
}
