import type { NotifyChannel } from '../../../common/schemas/notify.ts';
import { maskPhone } from '../../../common/identifiers.ts';
import type { Ctx } from '../../platform/context.ts';

/** One outbound message, as an adapter receives it (the address in clear, for delivery only). */
export interface OutboundMessage {
  outboxId: string;
  channel: NotifyChannel;
  to: string;
  subject: string;
  body: string;
}

/**
 * Delivers messages of one channel: an SMS gateway, an SMTP server, a government messaging
 * platform. Throw to fail the attempt (it is retried by the job queue); return to mark it sent.
 * Must be safe to call again for the same outboxId (a retry after a timeout may repeat a send).
 */
export interface ChannelAdapter {
  /** Recorded on the outbox row. */
  readonly name: string;
  send(ctx: Ctx, message: OutboundMessage): Promise<void>;
}

/**
 * The default adapter: delivers nothing outside the platform. The outbox row it marks 'sent' is the
 * record a system admin reads in the console (发件箱) — right for development, demos and sites whose
 * gateway is not connected yet. In development it also writes the text to the server log, so that
 * whoever runs `npm start` can read a login code (the outbox shows codes masked).
 */
export const outboxOnlyAdapter: ChannelAdapter = {
  name: 'outbox',
  send: async (ctx, m) => {
    if (ctx.config.env !== 'development') return;
    const to = m.channel === 'sms' ? maskPhone(m.to) : m.to.replace(/^(.).*(@.*)$/, '$1***$2');
    ctx.log.info({ outboxId: m.outboxId, channel: m.channel, to }, `[outbox, development only] ${m.channel === 'sms' ? 'SMS' : 'e-mail'} to ${to}: ${m.subject ? `${m.subject} — ` : ''}${m.body}`);
  },
};

const adapters = new Map<NotifyChannel, ChannelAdapter>();

/** The adapter that delivers a channel. */
export function channelAdapter(channel: NotifyChannel): ChannelAdapter {
  return adapters.get(channel) ?? outboxOnlyAdapter;
}

/** Plug in the adapter for a channel (at boot); returns a function that restores the previous one (tests). */
export function setChannelAdapter(channel: NotifyChannel, adapter: ChannelAdapter): () => void {
  const previous = adapters.get(channel);
  adapters.set(channel, adapter);
  return () => {
    if (previous) adapters.set(channel, previous);
    else adapters.delete(channel);
  };
}
