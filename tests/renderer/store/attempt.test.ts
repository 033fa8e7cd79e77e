import { describe, expect, it } from 'vitest';
import type { ApiMethod } from '../../../main/api/contract.ts';
import { attempt } from '../../../renderer/src/store/attempt.ts';
import { createAppStore, type AppStore } from '../../../renderer/src/store/index.ts';
import { FakeClient } from '../../mocks/fake-client.ts';
import { BOT_ID, makeLogEntry, makeProfile } from '../fixtures.ts';

describe('attempt()', () => {
  const reporter = () => {
    const reported: Array<{ error: unknown; title: string }> = [];
    return { reported, get: () => ({ reportError: (error: unknown, title: string) => void reported.push({ error, title }) }) };
  };

  it('answers what the action answered, and reports nothing', async () => {
    const { reported, get } = reporter();
    await expect(attempt(get, 'Could not save', async () => 42, null)).resolves.toBe(42);
    expect(reported).toEqual([]);
  });

  it('reports a failure under its title and answers the fallback instead of rejecting', async () => {
    const { reported, get } = reporter();
    const failure = { code: 'BOTBENCH_ERR_BOT_NOT_FOUND', message: 'No such bot.' };
    await expect(
      attempt(
        get,
        'Could not save',
        async () => {
          throw failure;
        },
        false,
      ),
    ).resolves.toBe(false);
    expect(reported).toEqual([{ error: failure, title: 'Could not save' }]);
  });
});

describe('attempt() in the slices', () => {
  const failure = { code: 'BOTBENCH_ERR_INTERNAL', message: 'Database is locked.' };
  const setup = (method: ApiMethod) => {
    const store = createAppStore(new FakeClient().fail(method, failure));
    return store;
  };
  const toasts = (store: AppStore) => store.getState().toasts.map(({ title, code, message }) => ({ title, code, message }));

  it.each([
    ['bins.create', (s: AppStore) => s.getState().createBin('Back end'), null, 'The request bin was not created'],
    ['flows.delete', (s: AppStore) => s.getState().deleteFlow('f1'), false, 'The flow was not deleted'],
    ['persons.create', (s: AppStore) => s.getState().createPerson('Ada'), null, 'The person was not added'],
    ['profiles.sendMessage', (s: AppStore) => s.getState().sendAsVisitor('p1', 'hi'), false, 'Could not send as the visitor'],
    ['scenarios.check', (s: AppStore) => s.getState().addScenarioFile('a.yaml', 'x'), false, '“a.yaml” is not a valid scenario'],
    ['workspace.export', (s: AppStore) => s.getState().exportWorkspace({}), false, 'Could not export the workspace'],
    ['workspace.previewImport', (s: AppStore) => s.getState().previewWorkspaceImport('w.json', '{}', 'skip'), null, '“w.json” cannot be imported'],
    ['collections.create', (s: AppStore) => s.getState().createCollection('Smoke'), null, 'The collection was not created'],
    ['bots.delete', (s: AppStore) => s.getState().deleteBot(BOT_ID), false, 'Could not delete the bot'],
  ] as const)('%s: a failure is a toast with its code, and the action answers %s', async (method, act, fallback, title) => {
    const store = setup(method);
    await expect(act(store)).resolves.toBe(fallback);
    expect(toasts(store)).toEqual([{ title, ...failure }]);
  });

  it('clears the loading flags a failed load set (bin requests, transcript, older log entries, sending, a busy pane)', async () => {
    const store = createAppStore(
      new FakeClient({ 'log.query': () => [makeLogEntry(5)] })
        .fail('bins.requests', failure)
        .fail('users.transcript', failure)
        .fail('webhooks.send', failure)
        .fail('profiles.reload', failure),
    );
    await store.getState().selectBin('b1');
    await store.getState().openUser(`${BOT_ID}/c/n_a`);
    await store.getState().loadLog();
    store.setState({ selectedBotId: BOT_ID });
    await expect(store.getState().sendWebhook()).resolves.toBeNull();
    store.getState().applyProfile(makeProfile({ id: 'p1' }));
    await store.getState().runProfileAction('p1', 'reload');
    const state = store.getState();
    expect([state.binRequestsLoading, state.transcriptLoading, state.webhookSending, state.profileBusy]).toEqual([false, false, false, {}]);
    expect(toasts(store).map((t) => t.title)).toEqual([
      'Could not load the captured requests',
      'Could not load the transcript',
      'The webhook was not sent',
      'Reload failed',
    ]);

    const older = new FakeClient({ 'log.query': (params) => (params.before ? Promise.reject(failure) : [makeLogEntry(5)]) });
    const logStore = createAppStore(older);
    await logStore.getState().loadLog();
    await logStore.getState().loadOlderLog();
    expect(logStore.getState().logLoadingOlder).toBe(false);
    expect(toasts(logStore).map((t) => t.title)).toEqual(['Could not load older log entries']);
  });
});
