import {
  pendingServices,
  requiredServicesFor,
  statusAfterConfirmations,
  statusOnceCarriedOut,
} from './request-status';

const configured = ['identity', 'scoring', 'orchestration', 'sender-email'];

describe('request status', () => {
  it('requires the configured services for deletions only', () => {
    expect(requiredServicesFor('DELETE_ONLY', configured)).toEqual(configured);
    expect(requiredServicesFor('SUPPRESS_WITH_DELETE', configured)).toEqual(configured);
    expect(requiredServicesFor('SUPPRESS', configured)).toEqual([]);
    expect(requiredServicesFor('UNSUPPRESS', configured)).toEqual([]);
  });

  it('completes SUPPRESS and UNSUPPRESS once carried out, and waits for the services of a deletion', () => {
    expect(statusOnceCarriedOut('SUPPRESS', [])).toBe('completed');
    expect(statusOnceCarriedOut('UNSUPPRESS', [])).toBe('completed');
    expect(statusOnceCarriedOut('DELETE_ONLY', configured)).toBe('in_progress');
    expect(statusOnceCarriedOut('SUPPRESS_WITH_DELETE', configured)).toBe('in_progress');
  });

  it('completes a deletion at once when no service is configured to confirm', () => {
    expect(statusOnceCarriedOut('DELETE_ONLY', [])).toBe('completed');
  });

  it('stays in progress until every required service confirmed', () => {
    expect(statusAfterConfirmations('in_progress', configured, ['identity', 'scoring'])).toBe(
      'in_progress',
    );
    expect(statusAfterConfirmations('in_progress', configured, [...configured].reverse())).toBe(
      'completed',
    );
  });

  it('does not count confirmations from services nobody required', () => {
    const confirmed = ['identity', 'scoring', 'orchestration', 'sender-sms'];
    expect(statusAfterConfirmations('in_progress', configured, confirmed)).toBe('in_progress');
    expect(pendingServices(configured, confirmed)).toEqual(['sender-email']);
  });

  it('completes a deletion marked failed when its confirmations arrive after all', () => {
    expect(statusAfterConfirmations('failed', ['identity'], ['identity'])).toBe('completed');
    expect(statusAfterConfirmations('failed', [], ['identity'])).toBe('failed');
  });

  it('never moves a pending or completed request', () => {
    expect(statusAfterConfirmations('pending', ['identity'], ['identity'])).toBe('pending');
    expect(statusAfterConfirmations('completed', ['identity'], [])).toBe('completed');
  });
});
