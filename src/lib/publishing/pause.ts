/**
 * The crisis switch as an environment value (the HERALD_PAUSED repository variable). Someone flipping
 * it in a hurry may type 1, true, yes or "paused": anything but empty or an explicit no pauses, so a
 * slip of the keyboard errs on the side of not publishing.
 */
export function pausedByValue(value: string | undefined): boolean {
  const setting = value?.trim().toLowerCase() ?? '';
  return setting !== '' && !['0', 'false', 'no', 'off'].includes(setting);
}
