// The retry rule's options, shared by its work-queue check and its loop check.
export interface Options {
  /** Loops bounded by a constant number of attempts at most this large are reported as info. */
  smallAttemptBound: number;
}
