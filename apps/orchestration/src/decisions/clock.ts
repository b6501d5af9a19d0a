import { Injectable } from '@nestjs/common';

/** The time source, injected so specs can fix it. */
@Injectable()
export class Clock {
  nowIso(): string {
    return new Date().toISOString();
  }
}
