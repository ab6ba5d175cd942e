import { describe, expect, it } from 'vitest';
import { CollabError } from '../src/client/errors';

const prefix = "An unexpected error occurred invoking 'Submit' on the server. HubException: ";

describe('CollabError retry hint', () => {
  it('reads retryAfterMs and the message from the JSON detail after the code', () => {
    const e = CollabError.fromInvokeError(
      new Error(`${prefix}rate_limited: {"message":"Too many submits to document 'a: b'; retry in 35 ms.","retryAfterMs":35}`),
      'Submit',
    );
    expect(e.code).toBe('rate_limited');
    expect(e.retryAfterMs).toBe(35);
    expect(e.message).toBe("Too many submits to document 'a: b'; retry in 35 ms.");
  });

  it('has no hint when the detail has none, and never reads one from prose', () => {
    const noHint = CollabError.fromInvokeError(new Error(`${prefix}rate_limited: {"message":"Too many calls; retry in a while.","retryAfterMs":null}`));
    const prose = CollabError.fromInvokeError(new Error(`${prefix}rate_limited: Too many calls; retry in 120 ms.`));
    expect(noHint.code).toBe('rate_limited');
    expect(noHint.retryAfterMs).toBeUndefined();
    expect(noHint.message).toBe('Too many calls; retry in a while.');
    expect(prose.code).toBe('rate_limited');
    expect(prose.retryAfterMs).toBeUndefined();
    expect(prose.message).toBe('Too many calls; retry in 120 ms.');
  });

  it('ignores a detail that is not a JSON object, or a hint that is not a non-negative number', () => {
    const broken = CollabError.fromInvokeError(new Error(`${prefix}rate_limited: {not json`));
    const negative = CollabError.fromInvokeError(new Error(`${prefix}rate_limited: {"message":"x","retryAfterMs":-5}`));
    const text = CollabError.fromInvokeError(new Error(`${prefix}rate_limited: {"message":"x","retryAfterMs":"120"}`));
    expect(broken.message).toBe('{not json');
    expect(broken.retryAfterMs).toBeUndefined();
    expect(negative.retryAfterMs).toBeUndefined();
    expect(text.retryAfterMs).toBeUndefined();
  });
});
