// Keeps every handler from taking the server down. A handler that throws is logged to the
// connection console with its name and answered with an empty result; the deliberate protocol
// errors (ContentModified for a stale version, RequestCancelled) pass through unchanged because
// clients know how to handle them.
import { ResponseError } from 'vscode-languageserver/node';
import { describeError } from './documents';

export type Logger = (message: string) => void;

export function guardRequest<P extends unknown[], R>(
  name: string,
  fallback: R,
  log: Logger,
  handler: (...args: P) => R | Promise<R>,
): (...args: P) => Promise<R> {
  return async (...args: P): Promise<R> => {
    try {
      return await handler(...args);
    } catch (error) {
      if (error instanceof ResponseError) {
        throw error;
      }
      log(`News Claims: ${name} failed: ${describeError(error)}`);
      return fallback;
    }
  };
}

export function guardNotification<P extends unknown[]>(
  name: string,
  log: Logger,
  handler: (...args: P) => void | Promise<void>,
): (...args: P) => void {
  return (...args: P): void => {
    try {
      const result = handler(...args);
      if (result instanceof Promise) {
        result.catch((error: unknown) => log(`News Claims: ${name} failed: ${describeError(error)}`));
      }
    } catch (error) {
      log(`News Claims: ${name} failed: ${describeError(error)}`);
    }
  };
}
