/** Which Docker errors mean "nothing left to do" for a kill or a removal. */

/**
 * True for a container (or image) that is already gone (404), already being removed, or not
 * running (409): a kill or a forced removal of it has nothing to do, so the error is expected.
 */
export function isAlreadyGone(error: unknown): boolean {
  const status = (error as { statusCode?: number } | null)?.statusCode;
  return status === 404 || status === 409;
}
