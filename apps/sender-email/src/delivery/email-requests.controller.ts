import { Controller } from '@nestjs/common';
import { consumers, MessageRequestedV1 } from '@meridian/contracts';
import { JetStreamHandler } from '@meridian/messaging';
import { EmailSender } from './email-sender.service';

/** Requested emails of every partition, several at once (sending is idempotent per message). */
@Controller()
export class EmailRequestsController {
  constructor(private readonly sender: EmailSender) {}

  @JetStreamHandler(consumers.senderEmail, MessageRequestedV1)
  async onRequested(event: MessageRequestedV1): Promise<void> {
    await this.sender.handleRequested(event);
  }
}
