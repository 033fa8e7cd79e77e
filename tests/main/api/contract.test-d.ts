import { describe, expectTypeOf, it } from 'vitest';
import type { ApiParams, ApiResult, Bot, ProfileKind, ProfileSnapshot, WorkbenchClient, API_METHODS } from '../../../main/api/contract.ts';
import { type ApiMethod } from '../../../main/api/contract.ts';
import type { PROFILE_KINDS } from '../../../main/common/profile-kinds.ts';
import type { ProfileSnapshot as OwnersSnapshot } from '../../../main/profiles/types.ts';
import type { LogQuery } from '../../../main/platform/model.ts';

declare const client: WorkbenchClient;

describe('the contract (types only)', () => {
  it('lists every method in its allow-list, and only those', () => {
    expectTypeOf<(typeof API_METHODS)[number]>().toEqualTypeOf<ApiMethod>();
  });

  it('re-exports the owners’ types rather than its own copies', () => {
    expectTypeOf<ProfileSnapshot>().toEqualTypeOf<OwnersSnapshot>();
    expectTypeOf<ProfileKind>().toEqualTypeOf<(typeof PROFILE_KINDS)[number]>();
    expectTypeOf<ApiParams<'log.query'>>().toEqualTypeOf<LogQuery>();
  });

  it('calls a method without parameters with none, and one with parameters only with them', () => {
    // Never run: the compiler checks these calls.
    expectTypeOf(client.call('bots.list')).resolves.toEqualTypeOf<Bot[]>();
    expectTypeOf(client.call('profiles.reload', { id: 'p1' })).resolves.toEqualTypeOf<ProfileSnapshot>();
    // @ts-expect-error profiles.reload needs its id
    void client.call('profiles.reload');
    // @ts-expect-error bots.list takes no parameters
    void client.call('bots.list', { botId: 'x' });
    expectTypeOf<ApiResult<'profiles.reload'>>().toEqualTypeOf<ProfileSnapshot>();
  });
});
