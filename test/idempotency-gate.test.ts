import {
  createIdempotencyGate,
  IdempotencyStoreError,
  memoryStore,
  type IdempotencyOutcome,
  type RecordedResponse,
} from '../src/idempotency/index.js';
import { BlbError } from '../src/index.js';

const request = { method: 'POST', url: '/v1/blb?clientToken=t-1', parsedBody: { name: 'lb-a' } };
const created = (blbId: string): RecordedResponse => ({
  status: 201,
  contentType: 'application/json',
  body: Buffer.from(JSON.stringify({ blbId })),
});

function settleOf(outcome: IdempotencyOutcome): (response: RecordedResponse) => Promise<void> {
  if (outcome.kind !== 'run') throw new Error(`expected the handler to run, got ${outcome.kind}`);
  return outcome.settle;
}

describe('createIdempotencyGate', () => {
  it('keeps the claim of a retry that ran after the first request outlived claimTtlSeconds', async () => {
    let time = 1_000_000;
    const errors: unknown[] = [];
    const gate = createIdempotencyGate({
      store: memoryStore({ now: () => time }),
      claimTtlSeconds: 1,
      onStoreError: (error) => errors.push(error),
    });
    const settleFirst = settleOf(await gate(request));
    time += 1000;
    const settleSecond = settleOf(await gate(request));

    await settleFirst(created('lb-1'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(IdempotencyStoreError);
    expect((errors[0] as Error).message).toBe(
      'The clientToken store failed to record a response: ' +
        'its claim had expired: the handler outlived claimTtlSeconds',
    );
    // The second request still runs: a retry must wait for it, not get the first's response.
    const retry = gate(request);
    await expect(retry).rejects.toBeInstanceOf(BlbError);
    await expect(retry).rejects.toMatchObject({ code: 'LastOperationNotFinished' });

    await settleSecond(created('lb-2'));
    expect(await gate(request)).toEqual({ kind: 'replay', response: created('lb-2') });
    expect(errors).toHaveLength(1);
  });
});
