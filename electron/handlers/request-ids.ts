import { createHash, randomUUID } from 'node:crypto';

/**
 * Gives the same requestId to the same submission, so "Try again" after a lost answer gets
 * the first answer back instead of a duplicate; a changed submission gets a fresh id.
 */
export class RequestIds {
  private readonly ids = new Map<string, string>();

  constructor(private readonly newId: () => string = randomUUID) {}

  /** The id for this body (any JSON value without its requestId). */
  for(body: unknown): string {
    const key = createHash('sha256').update(JSON.stringify(body)).digest('hex');
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.newId();
      this.ids.set(key, id);
    }
    return id;
  }

}
