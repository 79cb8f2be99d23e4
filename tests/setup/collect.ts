/** Every item of an async iterable (Array.fromAsync is not in the ES2023 lib the project targets). */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}
