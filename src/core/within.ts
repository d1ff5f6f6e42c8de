/**
 * Settles as `work` does, or rejects with "no answer within `ms` ms" when it takes longer. The timer keeps the
 * process alive while it waits (see deadline.ts for why that matters) and is cleared as soon as either side settles.
 */
export async function within<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
