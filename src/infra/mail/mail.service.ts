import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import { DomainError } from '../../common/errors/domain-error.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { defined } from '../../common/assert/defined.js';

export interface MailAttachment {
  filename: string;
  content: string;
  contentType: string;
}

export interface MailMessage {
  /** One address, or several (one message, every recipient on the To line). */
  to: string | string[];
  subject: string;
  text: string;
  attachments?: MailAttachment[];
  /** Development aid: logged with the message when there is no SMTP server (never in production). */
  logLine?: string;
}

/**
 * Sends mail over SMTP when `SMTP_URL` is set. Without it (a developer's machine) each message is
 * written to `OUTBOX_DIR` as an `.eml` file and announced in the log, so login works anywhere.
 */
@Injectable()
export class MailService implements OnModuleDestroy {
  private readonly logger = new Logger(MailService.name);
  private readonly transport: Transporter;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.transport = config.mail.smtpUrl
      ? nodemailer.createTransport(config.mail.smtpUrl)
      : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  }

  async send(message: MailMessage): Promise<void> {
    const envelope = {
      from: this.config.mail.from,
      to: message.to,
      subject: message.subject,
      text: message.text,
      attachments: message.attachments,
    };
    try {
      const info = await this.transport.sendMail(envelope);
      if (!this.config.mail.smtpUrl) await this.writeToOutbox(info.message as Buffer, message);
    } catch (error) {
      const to = [message.to].flat().map(maskEmail).join(', ');
      this.logger.error(`Mail to ${to} failed: ${(error as Error).message}`);
      throw new DomainError(
        'unavailable',
        'mail_unavailable',
        'The e-mail could not be sent; try again shortly',
      );
    }
  }

  private async writeToOutbox(raw: Buffer, message: MailMessage): Promise<void> {
    const dir = this.config.mail.outboxDir;
    await mkdir(dir, { recursive: true });
    const file = join(
      dir,
      `${new Date().toISOString().replace(/[:.]/g, '-')}-${defined([message.to].flat()[0], 'a recipient').replace(/[^\w.@+-]/g, '_')}.eml`,
    );
    await writeFile(file, raw);
    this.logger.log(
      `No SMTP_URL: mail to ${[message.to].flat().join(', ')} written to ${file}${message.logLine ? ` (${message.logLine})` : ''}`,
    );
  }

  onModuleDestroy(): void {
    this.transport.close();
  }
}

/** `a***@example.com`: enough to correlate a failure, not enough to harvest addresses from logs. */
export function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  return `${local.slice(0, 1)}***@${domain}`;
}
