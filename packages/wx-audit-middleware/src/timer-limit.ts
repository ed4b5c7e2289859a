/** The longest a Node timer waits: a longer delay fires after 1 ms instead (with a TimeoutOverflowWarning). */
export const MAX_TIMER_MS = 2_147_483_647;

/** An option's message when it is longer than a timer can wait. */
export const longerThanATimer = () => `at most ${MAX_TIMER_MS} (the longest a Node timer waits; a longer one fires at once)`;
