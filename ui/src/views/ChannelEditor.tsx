import { useState } from "react";
import type {
  ApiError,
  Channel,
  ChannelOption,
  ChannelPlan,
  Fulfilment,
  ChannelProduct,
  LabelledAmount,
  Market,
  PackQuote,
  Plan,
  PlanDetail,
  Problem,
  QuoteRequest,
} from "../bindings";
import { api, asApiError } from "../lib/api";
import { channelCurrency, marketOf, marketplaceOf, markets, newChannel, problemAt, targetsWithoutChannel } from "../lib/channels";
import { useI18n, type MessageKey } from "../lib/i18n";
import { parseAmount } from "../lib/money";
import { parseRate } from "../lib/productForm";
import { useUndo } from "../lib/undo";
import { ErrorLine } from "./ErrorLine";
import { LabelSelect } from "./LabelSelect";

const customerKinds: Channel[] = ["b2c", "b2b", "both"];
// How a channel that is not an Amazon target gets its orders to buyers (the checklist reads it).
const ownShipping = ["mfn", "local-3pl"] as const;
const currencyChoices = ["EUR", "JPY", "USD", "GBP", "CHF"];

interface Props {
  planId: number;
  detail: PlanDetail;
  options: ChannelOption[];
  labels: Map<string, string>;
  onSaved: () => void;
}

/** The plan's channels to compare, each edited in place (saved as typed), and what can be added. */
export function ChannelList({ planId, detail, options, labels, onSaved }: Props) {
  const { t, locale } = useI18n();
  const plan = detail.plan;
  const channels = plan.channels ?? [];
  const [error, setError] = useState<ApiError | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const save = useChannelSave(planId, plan, onSaved);
  const sellable = options.filter((option) => option.model !== "payment");
  // A new store gets first the provider whose published fees cover the sale (no quote to type).
  const payments = options.filter((option) => option.model === "payment").sort((a, b) => a.quotes.length - b.quotes.length);
  const [pack, setPack] = useState<string>(sellable[0]?.pack ?? "");
  const targetMarkets = [...new Set((plan.targets ?? []).map((target) => target.marketplace.replace("amazon-", "") as Market))];

  const add = (option: ChannelOption, market: Market | null, units: number | null = null) => {
    const channel = newChannel(option, market, payments[0]?.pack ?? null, channels, units);
    save(() => api.saveChannel(planId, null, channel)).then((failure) => {
      setError(failure);
      if (!failure) setOpen(channel.id);
    });
  };
  const remove = (channel: ChannelPlan) =>
    save(() => api.deleteChannel(planId, channel.id)).then(setError);

  const missingTargets = targetsWithoutChannel(plan.targets ?? [], channels, options);
  const stores = sellable.filter((option) => option.model === "own-store");
  const storeMarkets = targetMarkets.filter(
    (market) => !channels.some((channel) => channel.market === market && stores.some((store) => store.pack === channel.pack)),
  );
  const chosen = sellable.find((option) => option.pack === pack);

  return (
    <article className="card" data-testid="channel-list">
      <h2>{t("channels.yours")}</h2>
      {channels.length === 0 && <p className="muted">{t("channels.none")}</p>}
      <ul className="edit-list">
        {channels.map((channel) => (
          <li key={channel.id} data-channel-item={channel.id}>
            <div className="edit-head">
              <button
                type="button"
                className="link"
                aria-expanded={open === channel.id}
                data-action="edit-channel"
                onClick={() => setOpen(open === channel.id ? null : channel.id)}
              >
                {labels.get(channel.id) ?? channel.id}
              </button>
              <span className="muted small">
                {channel.monthly_units !== null && channel.monthly_units !== undefined
                  ? t("channels.unitsShort", { count: channel.monthly_units })
                  : ""}
              </span>
              <button type="button" className="chip danger" data-action="remove-channel" onClick={() => void remove(channel)}>
                {t("channels.remove")}
              </button>
            </div>
            {open === channel.id && (
              <ChannelForm
                planId={planId}
                detail={detail}
                channel={channel}
                option={options.find((option) => option.pack === channel.pack)}
                payments={payments}
                onSaved={onSaved}
              />
            )}
          </li>
        ))}
      </ul>
      {(missingTargets.length > 0 || storeMarkets.length > 0) && (
        <div className="toolbar suggestions">
          {missingTargets.map(({ target, option }) => (
            <button
              key={target.marketplace}
              type="button"
              className="chip"
              data-action="add-target-channel"
              data-marketplace={target.marketplace}
              onClick={() => add(option, null, target.monthly_units ?? null)}
            >
              {t("channels.addFor", { channel: option.name[locale] })}
            </button>
          ))}
          {stores[0] &&
            storeMarkets.map((market) => (
              <button
                key={market}
                type="button"
                className="chip"
                data-action="add-own-store"
                data-market={market}
                onClick={() => add(stores[0], market)}
              >
                {t("channels.addOwnStore", { market: t(`market.${market}` as MessageKey) })}
              </button>
            ))}
        </div>
      )}
      <div className="toolbar">
        <label>
          {t("channels.addLabel")}{" "}
          <select data-field="new-channel-pack" value={pack} onChange={(event) => setPack(event.target.value)}>
            {sellable.map((option) => (
              <option key={option.pack} value={option.pack}>
                {option.name[locale]}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="primary"
          data-action="add-channel"
          disabled={!chosen}
          onClick={() => chosen && add(chosen, chosen.market ? null : (targetMarkets[0] ?? "jp"))}
        >
          {t("channels.add")}
        </button>
      </div>
      {error && <ErrorLine error={error} />}
    </article>
  );
}

/** Saves a change to the channels or scenarios, records it for undo, and answers the refusal if any. */
export function useChannelSave(planId: number, plan: Plan, onSaved: () => void) {
  const { record } = useUndo();
  return (call: () => Promise<PlanDetail>): Promise<ApiError | null> =>
    call().then(
      (saved) => {
        record({
          kind: "channels",
          planId,
          before: { channels: plan.channels ?? [], scenarios: plan.scenarios ?? [] },
          after: { channels: saved.plan.channels ?? [], scenarios: saved.plan.scenarios ?? [] },
        });
        onSaved();
        return null;
      },
      (failure: unknown) => asApiError(failure),
    );
}

interface FormProps {
  planId: number;
  detail: PlanDetail;
  channel: ChannelPlan;
  option: ChannelOption | undefined;
  payments: ChannelOption[];
  onSaved: () => void;
}

/** One channel's inputs, in plain words; each is saved when it loses the focus, refused ones stay with their message. */
function ChannelForm({ planId, detail, channel, option, payments, onSaved }: FormProps) {
  const { t, locale } = useI18n();
  const plan = detail.plan;
  const [problems, setProblems] = useState<Problem[]>([]);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [other, setOther] = useState<ApiError | null>(null);
  const save = useChannelSave(planId, plan, onSaved);
  const currency = channelCurrency(channel, option ? [option] : [], detail.currencies) ?? "";
  const market = marketOf(channel, option ? [option] : []);
  const home = plan.plan.home_currency;

  const commit = (changed: ChannelPlan) =>
    save(() => api.saveChannel(planId, channel.id, changed)).then((failure) => {
      setLocal({});
      setProblems(failure?.problems ?? []);
      setOther(failure && (failure.problems ?? []).length === 0 ? failure : null);
    });
  const refuse = (field: string, key: MessageKey) => setLocal((all) => ({ ...all, [field]: t(key) }));
  const error = (field: string) => local[field] ?? problemAt(problems, field, locale);

  const amount = (text: string, money: string) => ({ amount: parseAmount(text) ?? text, currency: money });
  const setAmount = (field: "cpa" | "cost_per_return", text: string) => {
    if (text.trim() !== "" && !isAmount(text)) return refuse(field, "products.invalid.amount");
    commit({ ...channel, [field]: text.trim() === "" ? null : amount(text, currency) });
  };
  const setRate = (field: "ad_share" | "return_rate" | "fx_cost", text: string) => {
    const rate = parseRate(text);
    if (text.trim() !== "" && rate === null) return refuse(field, "products.invalid.rate");
    commit({ ...channel, [field]: text.trim() === "" ? null : rate });
  };
  const setUnits = (text: string) => {
    const trimmed = text.trim();
    if (trimmed !== "" && (!/^\d+$/.test(trimmed) || Number(trimmed) > 4_000_000_000)) return refuse("monthly_units", "products.unitsInvalid");
    commit({ ...channel, monthly_units: trimmed === "" ? null : Number(trimmed) });
  };
  const quotes = channel.quotes ?? [];
  const setQuote = (request: QuoteRequest, text: string, currencyCode: string) => {
    const field = `quote:${request.code}`;
    const byRate = request.basis === "per-sale" || request.basis === "fx-conversion";
    const others = quotes.filter((quote) => quote.code !== request.code);
    if (text.trim() === "") return commit({ ...channel, quotes: others });
    let quote: PackQuote;
    if (byRate) {
      const rate = parseRate(text);
      if (rate === null) return refuse(field, "products.invalid.rate");
      quote = { code: request.code, rate };
    } else {
      if (!isAmount(text)) return refuse(field, "products.invalid.amount");
      quote = { code: request.code, amount: amount(text, currencyCode) };
    }
    commit({ ...channel, quotes: [...others, quote] });
  };
  const setCosts = (kind: "fixed" | "setup", items: LabelledAmount[]) => commit({ ...channel, [kind]: items });
  const products = plan.products ?? [];
  const entries = channel.products ?? [];
  const setProduct = (sku: string, member: "price" | "shipping" | "fulfilment_fee", text: string) => {
    const field = `product:${sku}:${member}`;
    if (text.trim() !== "" && !isAmount(text)) return refuse(field, "products.invalid.amount");
    const current: ChannelProduct = entries.find((entry) => entry.sku === sku) ?? { sku };
    const next: ChannelProduct = { ...current, [member]: text.trim() === "" ? null : amount(text, currency) };
    const keep = next.price || next.shipping || next.fulfilment_fee || next.duty_rate;
    const rest = entries.filter((entry) => entry.sku !== sku);
    commit({ ...channel, products: keep ? [...rest, next] : rest });
  };
  const productError = (sku: string, member: string) => {
    const index = entries.findIndex((entry) => entry.sku === sku);
    return local[`product:${sku}:${member}`] ?? (index >= 0 ? problemAt(problems, `products[${index}].${member}`, locale) : undefined);
  };
  const fba = option?.amazon?.fulfilment === "fba";
  // The quotes the channel's pack and its payment provider leave to the seller, for its market.
  const payment = option?.needs_payment ? payments.find((candidate) => candidate.pack === channel.payment) : undefined;
  const requests = [option, payment]
    .flatMap((pack) => (pack ? pack.quotes.map((request) => ({ request, packCurrency: pack.currency })) : []))
    .filter(({ request }) => request.markets.length === 0 || (market !== null && request.markets.includes(market)));

  return (
    <div className="channel-form" data-channel-form={channel.id}>
      <div className="form-grid">
        {option && option.market === null && (
          <label>
            {t("channels.market")}
            <select
              data-field="market"
              value={channel.market ?? ""}
              onChange={(event) => commit({ ...channel, market: (event.target.value || null) as Market | null })}
            >
              <option value="">{t("channels.chooseMarket")}</option>
              {markets.map((code) => (
                <option key={code} value={code}>
                  {t(`marketName.${code}` as MessageKey)}
                </option>
              ))}
            </select>
            <FieldError message={error("market")} />
          </label>
        )}
        <label>
          {t("plans.channel")}
          <LabelSelect
            label={t("plans.channel")}
            field="customers"
            value={channel.customers ?? "b2c"}
            options={customerKinds}
            onChange={(customers) => commit({ ...channel, customers: customers === "b2c" ? null : customers })}
          />
        </label>
        {option && !option.amazon && (
          <label>
            {t("channels.shipsFrom")}
            <select
              data-field="fulfilment"
              value={channel.fulfilment ?? ""}
              onChange={(event) => commit({ ...channel, fulfilment: (event.target.value || null) as Fulfilment | null })}
            >
              <option value="">{t("channels.shipsFromUnsaid")}</option>
              {ownShipping.map((way) => (
                <option key={way} value={way}>
                  {t(`channels.shipsFrom.${way}`)}
                </option>
              ))}
            </select>
          </label>
        )}
        {option?.needs_payment && (
          <label>
            {t("channels.payment")}
            <select data-field="payment" value={channel.payment ?? ""} onChange={(event) => commit({ ...channel, payment: event.target.value || null })}>
              <option value="">{t("channels.choosePayment")}</option>
              {payments.map((payment) => (
                <option key={payment.pack} value={payment.pack}>
                  {payment.name[locale]}
                </option>
              ))}
            </select>
            <FieldError message={error("payment")} />
          </label>
        )}
        <TypedField label={t("channels.monthlyUnits")} field="monthly_units" value={channel.monthly_units?.toString() ?? ""} error={error("monthly_units")} onCommit={setUnits} />
        <TypedField label={t("channels.adShare")} field="ad_share" value={channel.ad_share ?? ""} error={error("ad_share")} onCommit={(text) => setRate("ad_share", text)} />
        <TypedField
          label={t("channels.cpa", { currency })}
          field="cpa"
          value={channel.cpa?.amount ?? ""}
          error={error("cpa")}
          onCommit={(text) => setAmount("cpa", text)}
        />
        <TypedField label={t("channels.returnRate")} field="return_rate" value={channel.return_rate ?? ""} error={error("return_rate")} onCommit={(text) => setRate("return_rate", text)} />
        <TypedField
          label={t("channels.costPerReturn", { currency })}
          field="cost_per_return"
          value={channel.cost_per_return?.amount ?? ""}
          error={error("cost_per_return")}
          onCommit={(text) => setAmount("cost_per_return", text)}
        />
        {currency !== home && (
          <TypedField
            label={t("channels.fxCost", { from: currency, to: home })}
            field="fx_cost"
            value={channel.fx_cost ?? ""}
            error={error("fx_cost")}
            onCommit={(text) => setRate("fx_cost", text)}
          />
        )}
      </div>
      {requests.length > 0 && (
        <fieldset className="quotes">
          <legend>{t("channels.quotes")}</legend>
          {requests.map(({ request, packCurrency }) => {
            const index = quotes.findIndex((quote) => quote.code === request.code);
            const quote = quotes[index];
            const byRate = request.basis === "per-sale" || request.basis === "fx-conversion";
            const quoteCurrency = quote?.amount?.currency ?? packCurrency;
            return (
              <div key={request.code} className="quote-row" data-quote={request.code}>
                <TypedField
                  label={byRate ? t("channels.quoteRate", { fee: request.label[locale] }) : t("channels.quoteAmount", { fee: request.label[locale], currency: quoteCurrency })}
                  field={`quote:${request.code}`}
                  value={(byRate ? quote?.rate : quote?.amount?.amount) ?? ""}
                  hint={request.prompt[locale]}
                  error={local[`quote:${request.code}`] ?? (index >= 0 ? problemAt(problems, `quotes[${index}]`, locale) : undefined)}
                  onCommit={(text) => setQuote(request, text, quoteCurrency)}
                />
              </div>
            );
          })}
        </fieldset>
      )}
      <CostList
        kind="fixed"
        title={t("channels.fixedCosts")}
        items={channel.fixed ?? []}
        currency={currency || home}
        problems={problems}
        onChange={(items) => setCosts("fixed", items)}
      />
      <CostList
        kind="setup"
        title={t("channels.setupCosts")}
        items={channel.setup ?? []}
        currency={home}
        problems={problems}
        onChange={(items) => setCosts("setup", items)}
      />
      {products.length > 0 && market && (
        <div className="table-scroll">
          <table className="channel-products">
            <thead>
              <tr>
                <th>{t("plans.productName")}</th>
                <th className="num">{t("channels.priceHere", { currency })}</th>
                {option?.seller_ships && <th className="num">{t("channels.shipping", { currency })}</th>}
                {fba && <th className="num">{t("channels.fbaFee", { currency })}</th>}
              </tr>
            </thead>
            <tbody>
              {products.map((product) => {
                const entry = entries.find((candidate) => candidate.sku === product.sku);
                const fallback = product.prices?.find((price) => price.marketplace === marketplaceOf(market))?.price.amount ?? "";
                const typedFee = product.overrides?.find((o) => o.marketplace === marketplaceOf(market))?.fulfilment_fee?.amount ?? "";
                return (
                  <tr key={product.sku} data-sku={product.sku}>
                    <td>{product.name}</td>
                    <td className="num">
                      <TypedField
                        label={`${t("channels.priceHere", { currency })} ${product.name}`}
                        field={`price:${product.sku}`}
                        value={entry?.price?.amount ?? ""}
                        placeholder={fallback}
                        bare
                        error={productError(product.sku, "price")}
                        onCommit={(text) => setProduct(product.sku, "price", text)}
                      />
                    </td>
                    {option?.seller_ships && (
                      <td className="num">
                        <TypedField
                          label={`${t("channels.shipping", { currency })} ${product.name}`}
                          field={`shipping:${product.sku}`}
                          value={entry?.shipping?.amount ?? ""}
                          bare
                          error={productError(product.sku, "shipping")}
                          onCommit={(text) => setProduct(product.sku, "shipping", text)}
                        />
                      </td>
                    )}
                    {fba && (
                      <td className="num">
                        <TypedField
                          label={`${t("channels.fbaFee", { currency })} ${product.name}`}
                          field={`fulfilment_fee:${product.sku}`}
                          value={entry?.fulfilment_fee?.amount ?? ""}
                          placeholder={typedFee}
                          bare
                          error={productError(product.sku, "fulfilment_fee")}
                          onCommit={(text) => setProduct(product.sku, "fulfilment_fee", text)}
                        />
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
          <p className="muted small">{t("channels.productsHint")}</p>
        </div>
      )}
      {other && <ErrorLine error={other} />}
    </div>
  );
}

function isAmount(text: string): boolean {
  const parsed = parseAmount(text);
  return parsed !== null && !parsed.startsWith("-");
}

interface CostListProps {
  kind: "fixed" | "setup";
  title: string;
  items: LabelledAmount[];
  currency: string;
  problems: Problem[];
  onChange: (items: LabelledAmount[]) => void;
}

/** Monthly or set-up costs of a channel: what each is for, its amount and currency. */
function CostList({ kind, title, items, currency, problems, onChange }: CostListProps) {
  const { t, locale } = useI18n();
  const [refused, setRefused] = useState<Record<number, string>>({});
  const set = (index: number, item: LabelledAmount) => onChange(items.map((old, i) => (i === index ? item : old)));
  return (
    <fieldset className="costs" data-costs={kind}>
      <legend>{title}</legend>
      {items.map((item, index) => (
        <div key={index} className="cost-row" data-cost={index}>
          <TypedField
            label={t("channels.costLabel")}
            field={`${kind}:${index}:label`}
            value={item.label}
            error={problemAt(problems, `${kind}[${index}].label`, locale)}
            onCommit={(label) => set(index, { ...item, label: label.trim() })}
          />
          <TypedField
            label={t("channels.costAmount")}
            field={`${kind}:${index}:amount`}
            value={item.amount.amount}
            error={refused[index] ?? problemAt(problems, `${kind}[${index}].amount`, locale)}
            onCommit={(text) => {
              if (!isAmount(text)) {
                setRefused((all) => ({ ...all, [index]: t("products.invalid.amount") }));
                return;
              }
              setRefused((all) => ({ ...all, [index]: "" }));
              set(index, { ...item, amount: { ...item.amount, amount: parseAmount(text) ?? text } });
            }}
          />
          <label>
            {t("channels.costCurrency")}
            <select
              data-field={`${kind}:${index}:currency`}
              value={item.amount.currency}
              onChange={(event) => set(index, { ...item, amount: { ...item.amount, currency: event.target.value } })}
            >
              {[...new Set([item.amount.currency, currency, ...currencyChoices])].map((code) => (
                <option key={code}>{code}</option>
              ))}
            </select>
          </label>
          <button type="button" className="chip danger" data-action={`remove-${kind}`} onClick={() => onChange(items.filter((_, i) => i !== index))}>
            {t("channels.remove")}
          </button>
        </div>
      ))}
      <button
        type="button"
        className="chip"
        data-action={`add-${kind}`}
        onClick={() => onChange([...items, { label: t(kind === "fixed" ? "channels.newFixed" : "channels.newSetup"), amount: { amount: "0", currency } }])}
      >
        {t(kind === "fixed" ? "channels.addFixed" : "channels.addSetup")}
      </button>
    </fieldset>
  );
}

interface FieldProps {
  label: string;
  field: string;
  value: string;
  error?: string;
  hint?: string;
  placeholder?: string;
  /** In a table cell: the label is for screen readers only. */
  bare?: boolean;
  onCommit: (value: string) => void;
}

/** An input saved when it loses the focus or on Enter; Escape puts the stored value back. */
export function TypedField({ label, field, value, error, hint, placeholder, bare = false, onCommit }: FieldProps) {
  // A draft belongs to the stored value it was typed over: once a save changes that value the draft
  // is dropped, while a refused draft stays in the input beside its message.
  const [draft, setDraft] = useState<{ text: string; over: string } | null>(null);
  const shown = draft && draft.over === value ? draft.text : value;
  const commit = () => {
    if (draft && draft.over === value && draft.text !== value) onCommit(draft.text);
  };
  const input = (
    <input
      aria-label={bare ? label : undefined}
      data-field={field}
      aria-invalid={error ? true : undefined}
      placeholder={placeholder}
      value={shown}
      onChange={(event) => setDraft({ text: event.target.value, over: value })}
      onBlur={commit}
      onKeyDown={(event) => {
        if (event.key === "Enter") event.currentTarget.blur();
        if (event.key === "Escape") setDraft(null);
      }}
    />
  );
  if (bare) {
    return (
      <>
        {input}
        <FieldError message={error} />
      </>
    );
  }
  return (
    <label>
      {label}
      {input}
      {hint && <span className="hint">{hint}</span>}
      <FieldError message={error} />
    </label>
  );
}

function FieldError({ message }: { message: string | undefined }) {
  if (!message) return null;
  return (
    <span className="field-error" role="alert">
      {message}
    </span>
  );
}
