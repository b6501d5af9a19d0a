import { consumers } from '@meridian/contracts';
import { testInfra, uniqueNamespace } from '@meridian/testing';
import { Controller } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';
import { connectJetStreamAdmin, type JetStreamAdmin } from '../admin';
import { JetStreamStartupError } from '../errors';
import { JetStreamHandler } from '../handler.decorator';
import { deleteNamespace, provisionNamespace } from '../provisioning';
import { startTestApp, TestEventV1 } from './harness';

@Controller()
class IngestHandler {
  @JetStreamHandler(consumers.identityIngest, TestEventV1)
  handle(): void {
    return undefined;
  }
}

@Controller()
class CompetingIngestHandler {
  @JetStreamHandler(consumers.identityIngest, TestEventV1)
  handleToo(): void {
    return undefined;
  }
}

@Controller()
class EmailHandler {
  @JetStreamHandler(consumers.senderEmail, TestEventV1)
  handle(): void {
    return undefined;
  }
}

@Controller()
class PlainNestHandler {
  @EventPattern('user.created')
  handle(): void {
    return undefined;
  }
}

describe('JetStream transport start-up', () => {
  const namespace = uniqueNamespace('startup');
  const jetstream = {
    natsUrl: testInfra().natsUrl,
    namespace,
    partitions: 2,
    ownedPartitions: [0, 1],
    serviceName: 'startup-spec',
  };
  let admin: JetStreamAdmin;

  beforeAll(async () => {
    admin = await connectJetStreamAdmin(testInfra().natsUrl);
    // Only identity's ingest consumer exists: sender-email's was never provisioned.
    await provisionNamespace({
      jsm: admin.jsm,
      namespace,
      partitions: 2,
      consumers: [consumers.identityIngest],
    });
  });

  afterAll(async () => {
    await deleteNamespace({ jsm: admin.jsm, namespace });
    await admin.close();
  });

  it('starts when every handled consumer is provisioned', async () => {
    const app = await startTestApp({ jetstream, controllers: [IngestHandler] });

    await app.close();
  });

  it('refuses to start when two handlers claim the same consumer, type and version', async () => {
    const start = startTestApp({ jetstream, controllers: [IngestHandler, CompetingIngestHandler] });

    await expect(start).rejects.toThrow(JetStreamStartupError);
    await expect(start).rejects.toThrow(
      'IngestHandler.handle and CompetingIngestHandler.handleToo both handle test.happened v1 on consumer identity-ingest',
    );
  });

  it('refuses to start when a handled consumer is not provisioned, naming it', async () => {
    const start = startTestApp({ jetstream, controllers: [IngestHandler, EmailHandler] });

    await expect(start).rejects.toThrow(
      /consumer sender-email on stream STARTUP_\w+_MESSAGES is not provisioned/,
    );
  });

  it('refuses event handlers meant for another transport rather than ignoring them', async () => {
    await expect(startTestApp({ jetstream, controllers: [PlainNestHandler] })).rejects.toThrow(
      /"user.created" is not a JetStream handler/,
    );
  });
});
