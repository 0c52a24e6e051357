import { beforeEach, describe, expect, it, vi } from 'vitest';
import { cancelSubscription, issueInvoice, recordPayment, subscribe } from '@/actions/billing';
import { countInvoices, selectInvoices } from '@/models/invoices';
import { countSubscriptions } from '@/models/subscriptions';
import {
  invoiceFactory,
  planFactory,
  subscriptionFactory,
  userFactory,
} from '../../../fixtures/app/tests/factories';
import { useFreshDatabase } from '../support/database';
import { revalidatedPaths } from '../support/revalidation';

vi.mock('next/cache', () => import('../support/revalidation'));
useFreshDatabase();
beforeEach(() => {
  revalidatedPaths.length = 0;
});

describe('subscribe', () => {
  it('starts an active subscription for one period of the plan', async () => {
    const user = await userFactory.create();
    const plan = await planFactory.yearly().create();
    const result = await subscribe({ userId: user.id, planId: plan.id });
    expect(result).toMatchObject({ success: true, subscription: { status: 'active', planId: plan.id } });
    if (!result.success) return;
    const { currentPeriodStart, currentPeriodEnd } = result.subscription;
    expect(currentPeriodEnd.getUTCFullYear() - currentPeriodStart.getUTCFullYear()).toBe(1);
    expect(revalidatedPaths).toEqual(['/billing']);
  });

  it('refuses a second live subscription but allows one after cancelling', async () => {
    const user = await userFactory.create();
    const plan = await planFactory.create();
    const first = await subscribe({ userId: user.id, planId: plan.id });
    expect(await subscribe({ userId: user.id, planId: plan.id })).toEqual({
      success: false,
      error: 'This user already has a live subscription',
    });
    expect(
      first.success && (await cancelSubscription({ subscriptionId: first.subscription.id })),
    ).toMatchObject({
      success: true,
      subscription: { status: 'canceled' },
    });
    expect((await subscribe({ userId: user.id, planId: plan.id })).success).toBe(true);
    expect(await countSubscriptions()).toBe(2);
  });

  it('refuses a retired plan and a malformed user id', async () => {
    const user = await userFactory.create();
    const retired = await planFactory.retired().create();
    expect(await subscribe({ userId: user.id, planId: retired.id })).toEqual({
      success: false,
      error: `Unknown or retired plan "${retired.id}"`,
    });
    expect(await subscribe({ userId: 'user-1', planId: retired.id })).toMatchObject({
      success: false,
      error: expect.stringContaining('userId'),
    });
  });
});

describe('cancelSubscription', () => {
  it('refuses a malformed id and reports a subscription that is not live', async () => {
    expect(await cancelSubscription({ subscriptionId: 42 })).toMatchObject({ success: false });
    const canceled = await subscriptionFactory.canceled().create();
    expect(await cancelSubscription({ subscriptionId: canceled.id })).toEqual({
      success: false,
      error: 'No live subscription with this id',
    });
  });
});

describe('issueInvoice', () => {
  it('issues an open invoice with its lines and total', async () => {
    const user = await userFactory.create();
    const result = await issueInvoice({
      userId: user.id,
      dueOn: '2025-02-01',
      lines: [
        { description: 'Pro plan', unitAmountCents: 1_200 },
        { description: 'Extra seats', quantity: 3, unitAmountCents: 400 },
      ],
    });
    expect(result).toMatchObject({
      success: true,
      invoice: { status: 'open', totalCents: 2_400, currency: 'EUR', dueOn: '2025-02-01' },
    });
    expect(result.success && result.invoice.number).toMatch(/^INV-\d{4}-000001$/);
  });

  it('refuses an invoice without lines or with a negative amount', async () => {
    const user = await userFactory.create();
    expect(await issueInvoice({ userId: user.id, lines: [] })).toMatchObject({ success: false });
    expect(
      await issueInvoice({ userId: user.id, lines: [{ description: 'Refund', unitAmountCents: -100 }] }),
    ).toMatchObject({ success: false, error: expect.stringContaining('lines.0.unitAmountCents') });
    expect(await countInvoices()).toBe(0);
  });

  it('reports an unknown user', async () => {
    const result = await issueInvoice({
      userId: '00000000-0000-4000-8000-000000000000',
      lines: [{ description: 'x', unitAmountCents: 1 }],
    });
    expect(result).toEqual({ success: false, error: 'User or subscription not found' });
  });
});

describe('recordPayment', () => {
  it('records payments and marks the invoice paid at its total', async () => {
    const invoice = await invoiceFactory.create({ totalCents: 1_000 });
    expect(
      await recordPayment({ invoiceId: invoice.id, amountCents: 1_000, providerReference: 'pay_1' }),
    ).toMatchObject({
      success: true,
      payment: { amountCents: 1_000, provider: 'card' },
    });
    const [paid] = await selectInvoices();
    expect(paid?.status).toBe('paid');
  });

  it('refuses a zero amount, a repeated reference and a void invoice', async () => {
    const invoice = await invoiceFactory.create();
    expect(await recordPayment({ invoiceId: invoice.id, amountCents: 0 })).toMatchObject({ success: false });
    await recordPayment({ invoiceId: invoice.id, amountCents: 10, providerReference: 'pay_dup' });
    expect(
      await recordPayment({ invoiceId: invoice.id, amountCents: 10, providerReference: 'pay_dup' }),
    ).toEqual({
      success: false,
      error: 'This payment was already recorded',
    });
    const voided = await invoiceFactory.void().create();
    expect(await recordPayment({ invoiceId: voided.id, amountCents: 10 })).toEqual({
      success: false,
      error: `Refused: cannot pay ${voided.number} (void)`,
    });
  });
});
