import type { ReactNode } from 'react';
import type { GuideContent, Material, VersionView } from '../../api/catalog.ts';
import { type Translate, useT } from '../../i18n/index.ts';
import { usePrefs } from '../../prefs/prefs.tsx';
import { formatDate, isFullOnline, itemTypeLabel, limitText, materialFormText, onlineDepthLabel, servesToLabel, stepBlocks, visitsText } from './format.ts';

/** A titled section of the guide; `id` makes it a landmark-free, linkable heading. */
function Section({ id, title, level, children }: { id: string; title: string; level: 'h2' | 'h3'; children: ReactNode }) {
  const H = level;
  return (
    <section className="guide-section" aria-labelledby={id}>
      <H id={id}>{title}</H>
      {children}
    </section>
  );
}

/** A fact list (term, value); empty values are left out. */
function Facts({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl className="guide-facts">
      {rows
        .filter(([, v]) => v !== null && v !== undefined && v !== '')
        .map(([k, v]) => (
          <div key={k} className="guide-fact">
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
    </dl>
  );
}

/** Where a material comes from, as a badge when the applicant need not bring it. */
function SourceBadge({ material: m }: { material: Material }) {
  const t = useT();
  if (m.source.kind === 'license') {
    return (
      <span className="source-badge source-license">
        {t('guide.badge.license')}
        <span className="source-detail">（{m.source.licenseTypeName}）</span>
      </span>
    );
  }
  if (m.source.kind === 'shared_data') {
    return (
      <span className="source-badge source-shared">
        {t('guide.badge.shared')}
        <span className="source-detail">（{m.source.resourceName}）</span>
      </span>
    );
  }
  if (m.source.kind === 'window') return <span className="source-badge source-window">{m.source.note ?? t('catalog.source.window')}</span>;
  return null;
}

/** 申请材料: one card per material, readable on a phone and in print. */
function Materials({ materials, level }: { materials: Material[]; level: 'h3' | 'h4' }) {
  const H = level;
  const t = useT();
  if (materials.length === 0) return <p>{t('guide.noMaterials')}</p>;
  return (
    <ol className="material-list">
      {materials.map((m) => {
        const { form, medium } = materialFormText(m, t);
        return (
          <li key={m.key} className="material-card">
            <H className="material-name">{m.name}</H>
            <p className="material-badges">
              <span className={m.required === 'required' ? 'need-tag need-required' : 'need-tag need-conditional'}>
                {m.required === 'required' ? t('catalog.required') : t('catalog.conditional')}
              </span>
              <SourceBadge material={m} />
            </p>
            <dl className="material-facts">
              {m.required === 'conditional' && m.condition ? (
                <div>
                  <dt>{t('guide.material.condition')}</dt>
                  <dd>{m.condition}</dd>
                </div>
              ) : null}
              <div>
                <dt>{t('guide.material.form')}</dt>
                <dd>{form}</dd>
              </div>
              <div>
                <dt>{t('guide.material.medium')}</dt>
                <dd>{medium}</dd>
              </div>
              <div>
                <dt>{t('guide.material.copies')}</dt>
                <dd>{m.copies}</dd>
              </div>
              {m.blankForm || m.sample ? (
                <div>
                  <dt>{t('guide.material.templates')}</dt>
                  <dd>{[m.blankForm ? t('guide.material.blankForm') : '', m.sample ? t('guide.material.sample') : ''].filter(Boolean).join('、')}</dd>
                </div>
              ) : null}
              {m.acceptanceStandard ? (
                <div>
                  <dt>{t('guide.material.standard')}</dt>
                  <dd>{m.acceptanceStandard}</dd>
                </div>
              ) : null}
              {m.legalBasis ? (
                <div>
                  <dt>{t('guide.material.basis')}</dt>
                  <dd>{m.legalBasis}</dd>
                </div>
              ) : null}
              {m.notes ? (
                <div>
                  <dt>{t('guide.material.notes')}</dt>
                  <dd>{m.notes}</dd>
                </div>
              ) : null}
            </dl>
          </li>
        );
      })}
    </ol>
  );
}

/** 办理流程: steps in order; the steps of a parallel group appear together as 并联审批. */
function Process({ g }: { g: GuideContent }) {
  const t = useT();
  const step = (s: GuideContent['processSteps'][number]) => (
    <>
      <span className="step-name">{s.name}</span>
      <span className="step-meta">
        {[s.department ?? t(`catalog.role.${s.role}`), t('guide.stepDays', { n: s.days })].join(' · ')}
      </span>
    </>
  );
  return (
    <ol className="process-list">
      {stepBlocks(g.processSteps).map((b) =>
        b.kind === 'single' ? (
          <li key={b.step.key} className="process-step">
            {step(b.step)}
          </li>
        ) : (
          <li key={`group-${b.group}`} className="process-step process-parallel">
            <span className="parallel-label">{t('catalog.parallel')}</span>
            <span className="step-meta">{t('guide.parallelNote', { n: Math.max(...b.steps.map((s) => s.days)) })}</span>
            <ul>
              {b.steps.map((s) => (
                <li key={s.key}>{step(s)}</li>
              ))}
            </ul>
          </li>
        ),
      )}
    </ol>
  );
}

function yesNo(v: boolean, t: Translate): string {
  return v ? t('guide.yes') : t('guide.no');
}

/** The whole 办事指南 of one version. */
export function GuideView({ version: v, headingLevel = 1, actions, idPrefix = 'guide' }: { version: VersionView; headingLevel?: 1 | 2; actions?: ReactNode; idPrefix?: string }) {
  const t = useT();
  const { lang } = usePrefs();
  const g = v.content;
  const Title = headingLevel === 1 ? 'h1' : 'h2';
  const level = headingLevel === 1 ? 'h2' : 'h3';
  const date = v.publishedAt ?? v.submittedAt ?? v.createdAt;

  return (
    <article className="guide" aria-labelledby={`${idPrefix}-title`}>
      <header className="guide-head">
        <Title id={`${idPrefix}-title`} className="guide-title">
          {g.name}
        </Title>
        <p className="guide-version">
          {t('guide.versionLine', { n: v.version })}
          {v.publishedAt ? ` · ${t('guide.publishedOn', { date: formatDate(date, lang) })}` : ` · ${t(`catalog.status.${v.status}`)}`}
        </p>
        <ul className="item-facts guide-headline" aria-label={t('catalog.factsLabel')}>
          <li className={g.visitsRequired === 0 ? 'fact-tag fact-good' : 'fact-tag'}>{visitsText(g.visitsRequired, t)}</li>
          {isFullOnline(g.onlineDepth) ? <li className="fact-tag fact-good">{t('catalog.fullOnline')}</li> : null}
          <li className="fact-plain">{t('guide.promisedShort', { limit: limitText(g.promisedLimit, t) })}</li>
        </ul>
        {actions ? <div className="guide-actions no-print">{actions}</div> : null}
      </header>

      <Section id={`${idPrefix}-basic`} level={level} title={t('guide.basic')}>
        <Facts
          rows={[
            [t('guide.itemType'), itemTypeLabel(g.itemType, t)],
            [t('guide.basicCode'), <span className="code-text">{v.basicCode}</span>],
            [t('guide.implementationCode'), <span className="code-text">{v.implementationCode}</span>],
            [t('guide.body'), v.departmentName],
            [t('guide.region'), v.regionName],
            [t('guide.powerSource'), t(`catalog.powerSource.${g.powerSource}`)],
            [t('guide.delegatedBody'), g.delegatedBody],
            [t('guide.coHandling'), g.coHandlingBodies.join('、')],
            [t('catalog.servesTo'), g.servesTo.map((s) => servesToLabel(s, t)).join('、')],
            [t('catalog.theme'), g.themes.join('、')],
            [t('guide.handlingForm'), t(`catalog.handlingForm.${g.handlingForm}`)],
            [t('guide.handlingScope'), t(`catalog.handlingScope.${g.handlingScope}`)],
            [t('guide.realNameLevel'), g.minRealNameLevel > 1 ? <strong>{t('realName.required', { level: g.minRealNameLevel })}</strong> : t('realName.requiredNone')],
          ]}
        />
      </Section>

      <Section id={`${idPrefix}-conditions`} level={level} title={t('guide.conditions')}>
        {g.conditions.length > 0 ? (
          <ol className="guide-conditions">
            {g.conditions.map((c, i) => (
              <li key={i}>{c}</li>
            ))}
          </ol>
        ) : (
          <p>{t('guide.noConditions')}</p>
        )}
      </Section>

      <Section id={`${idPrefix}-materials`} level={level} title={t('guide.materials', { n: g.materials.length })}>
        <Materials materials={g.materials} level={headingLevel === 1 ? 'h3' : 'h4'} />
      </Section>

      <Section id={`${idPrefix}-process`} level={level} title={t('guide.process')}>
        <Process g={g} />
      </Section>

      <Section id={`${idPrefix}-limits`} level={level} title={t('guide.limits')}>
        <Facts
          rows={[
            [t('guide.statutoryLimit'), `${limitText(g.statutoryLimit, t)}${g.statutoryLimit.explanation ? `（${g.statutoryLimit.explanation}）` : ''}`],
            [t('guide.promisedLimit'), `${limitText(g.promisedLimit, t)}${g.promisedLimit.explanation ? `（${g.promisedLimit.explanation}）` : ''}`],
            ...g.specialProcedures.map((p): [string, ReactNode] => [
              t('guide.specialProcedure', { name: p.name }),
              `${t('catalog.days.plain', { n: p.maxDays })}${p.explanation ? `（${p.explanation}）` : ''}`,
            ]),
            [t('guide.visits'), `${visitsText(g.visitsRequired, t)}${g.visitsReason ? `（${g.visitsReason}）` : ''}`],
          ]}
        />
      </Section>

      <Section id={`${idPrefix}-fees`} level={level} title={t('guide.fees')}>
        {g.fees.length === 0 ? (
          <p>{t('catalog.noFee')}</p>
        ) : (
          <ul className="guide-fees">
            {g.fees.map((f, i) => (
              <li key={i}>
                <strong>{f.name}</strong>：{t('guide.yuan', { n: f.amountYuan })}
                {f.waivable ? `（${t('guide.waivable')}）` : ''}
                <span className="guide-sub">{t('guide.feeBasis', { basis: f.basis })}</span>
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section id={`${idPrefix}-online`} level={level} title={t('guide.online')}>
        <Facts
          rows={[
            [t('guide.onlineDepth'), g.onlineDepth.length > 0 ? [...g.onlineDepth].sort((a, b) => a - b).map((d) => onlineDepthLabel(d, t)).join('、') : t('catalog.windowOnly')],
            [t('guide.appointment'), g.appointment.enabled ? (g.appointment.dailyQuota ? t('guide.appointmentQuota', { n: g.appointment.dailyQuota }) : t('guide.yes')) : t('guide.no')],
            [t('guide.onlinePayment'), yesNo(g.onlinePayment, t)],
            [t('guide.courier'), yesNo(g.courierDelivery, t)],
            [t('guide.selfService'), yesNo(g.selfServiceTerminal, t)],
          ]}
        />
      </Section>

      <Section id={`${idPrefix}-result`} level={level} title={t('guide.result')}>
        <Facts
          rows={[
            [t('guide.resultType'), t(`catalog.resultType.${g.result.type}`)],
            [t('guide.resultName'), g.result.name],
          ]}
        />
      </Section>

      <Section id={`${idPrefix}-basis`} level={level} title={t('guide.legalBases')}>
        {g.legalBases.length === 0 ? (
          <p>{t('guide.noLegalBasis')}</p>
        ) : (
          <ul className="guide-laws">
            {g.legalBases.map((b, i) => (
              <li key={i}>
                <strong>
                  {b.law}
                  {b.article ? ` ${b.article}` : ''}
                </strong>
                {b.text ? <blockquote>{b.text}</blockquote> : null}
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section id={`${idPrefix}-where`} level={level} title={t('guide.where')}>
        <Facts
          rows={[
            [t('guide.address'), g.location.address],
            [t('guide.hours'), g.location.hours],
          ]}
        />
      </Section>

      <Section id={`${idPrefix}-contact`} level={level} title={t('guide.contact')}>
        <Facts
          rows={[
            [t('guide.consultPhone'), <a href={`tel:${g.channels.consultPhone}`}>{g.channels.consultPhone}</a>],
            [t('guide.complaintPhone'), <a href={`tel:${g.channels.complaintPhone}`}>{g.channels.complaintPhone}</a>],
            [t('guide.appeal'), g.channels.appeal],
            [t('guide.litigation'), g.channels.litigation],
          ]}
        />
      </Section>
    </article>
  );
}
