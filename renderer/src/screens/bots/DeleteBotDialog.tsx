import { useEffect, useState } from 'react';
import type { Bot, BotContents } from '../../../../main/platform/model.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { useApp } from '../../store/context.tsx';

const plural = (n: number, one: string): string => `${n.toLocaleString()} ${one}${n === 1 ? '' : 's'}`;

/** What deleting a bot removes, said in full before it happens. */
export function describeContents(contents: BotContents): string {
  return `${plural(contents.users, 'user')}, ${plural(contents.messages, 'message')}, ${plural(contents.flows, 'flow')} and ${plural(contents.logEntries, 'log entry').replace('entrys', 'entries')}`;
}

/** Asks before deleting a bot, naming how much goes with it. */
export function DeleteBotDialog({ bot, onClose }: { bot: Bot; onClose: () => void }) {
  const botContents = useApp((s) => s.botContents);
  const deleteBot = useApp((s) => s.deleteBot);
  const [contents, setContents] = useState<BotContents | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    let live = true;
    void botContents(bot.botId).then((found) => live && setContents(found));
    return () => {
      live = false;
    };
  }, [bot.botId, botContents]);
  return (
    <Dialog title={`Delete “${bot.name}”?`} onClose={onClose} testId="delete-bot-dialog">
      <p data-testid="delete-bot-contents">
        {contents === null
          ? 'Counting what this bot holds…'
          : `This removes the bot ${bot.botId} with ${describeContents(contents)}. Its webhook URL stops answering and its open widgets are disconnected. This cannot be undone.`}
      </p>
      <div className="input-row dialog-actions">
        <button type="button" className="btn" onClick={onClose} autoFocus>
          Cancel
        </button>
        <button
          type="button"
          className="btn btn-danger"
          data-testid="delete-bot-confirm"
          disabled={contents === null || busy}
          onClick={() => {
            setBusy(true);
            void deleteBot(bot.botId).then((deleted) => (deleted ? onClose() : setBusy(false)));
          }}
        >
          Delete bot
        </button>
      </div>
    </Dialog>
  );
}
