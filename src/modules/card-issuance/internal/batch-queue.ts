/**
 * Ordered, bounded hand-over of batches that are still being prepared (promises, e.g. encryption on a
 * worker) from one producer to one consumer. The bound keeps memory flat when the consumer (the
 * database) is slower than the producer. The producer ends it or fails it; the consumer closes it
 * when it stops early, after which batches pushed are dropped.
 */
export class BatchQueue<T> implements AsyncIterable<T> {
  #items: Promise<T>[] = [];
  #ended = false;
  #failed = false;
  #failure: unknown;
  #closed = false;
  #space: (() => void) | undefined;
  #ready: (() => void) | undefined;

  constructor(readonly capacity: number) {}

  /** Whether a pushed batch would still be consumed. */
  get isOpen(): boolean {
    return !this.#closed && !this.#ended && !this.#failed;
  }

  /** Adds a batch; resolves when there is room for the next one. */
  async push(batch: Promise<T>): Promise<void> {
    batch.catch(() => undefined); // a dropped batch's failure is nobody's to handle; a consumed one is thrown to the consumer
    if (!this.isOpen) return;
    this.#items.push(batch);
    this.#wake();
    while (this.#items.length >= this.capacity && this.isOpen) await new Promise<void>((resolve) => (this.#space = resolve));
  }

  /** No more batches: the consumer finishes after the last one. */
  end(): void {
    this.#ended = true;
    this.#wake();
  }

  /** The consumer throws `err` instead of taking further batches. */
  fail(err: unknown): void {
    if (this.#failed) return;
    this.#failed = true;
    this.#failure = err;
    this.#items = [];
    this.#wake();
    this.#space?.();
  }

  close(): void {
    this.#closed = true;
    this.#items = [];
    this.#space?.();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T> {
    for (;;) {
      if (this.#failed) throw this.#failure;
      const next = this.#items.shift();
      if (next) {
        const space = this.#space;
        this.#space = undefined;
        space?.();
        yield await next;
        continue;
      }
      if (this.#ended) return;
      await new Promise<void>((resolve) => (this.#ready = resolve));
    }
  }

  #wake(): void {
    const ready = this.#ready;
    this.#ready = undefined;
    ready?.();
  }
}
