import { describe, expect, it } from 'vitest';
import { methodSchemas } from '../../../main/api/schemas.ts';
import { KIND_INFO, PROFILE_KINDS } from '../../../main/common/profile-kinds.ts';
import { parseScenario } from '../../../main/scenarios/schema.ts';
import { IDENTITY_LAB_KINDS, PROFILE_KIND_ORDER } from '../../../renderer/src/lib/kinds.ts';

const botId = '5852754509ac70000c104b80';

describe('PROFILE_KINDS: the one list every table and enum derives from', () => {
  it('has a table row for every kind and no other', () => {
    expect(Object.keys(KIND_INFO).sort()).toEqual([...PROFILE_KINDS].sort());
  });

  it('is what the workbench API accepts, and nothing else', () => {
    for (const kind of PROFILE_KINDS) expect(methodSchemas['profiles.open'].safeParse({ kind, botId }).success).toBe(true);
    expect(methodSchemas['profiles.open'].safeParse({ kind: 'tablet', botId }).success).toBe(false);
  });

  it('is what a scenario may open', () => {
    for (const kind of PROFILE_KINDS) {
      expect(() => parseScenario({ name: 'k', steps: [{ do: 'open', profile: 'A', kind }] }, 's.json')).not.toThrow();
    }
  });

  it('is what the UI offers: the seed kinds first, then the identity lab ones', () => {
    expect([...PROFILE_KIND_ORDER, ...IDENTITY_LAB_KINDS].sort()).toEqual([...PROFILE_KINDS].sort());
    expect(PROFILE_KIND_ORDER).toEqual(['persistent', 'incognito', 'other-device', 'external-id', 'metadata']);
  });
});
