import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n.ts';
import { useFormAction } from './form-action.ts';
import { FormResult } from './form-result.tsx';
import { type FormValue, SettingField, type SettingSpec, toApiValue, toFormValue } from './setting-field.tsx';

export type SettingGroup = { legend?: string; fields: SettingSpec[] };

type Values = Record<string, FormValue>;

const valuesOf = (groups: SettingGroup[], stored: Record<string, unknown>): Values =>
  Object.fromEntries(
    groups.flatMap((group) => group.fields).map((spec) => [spec.key, toFormValue(spec, stored[spec.key])]),
  );

/**
 * One section of the settings screen: its heading, its fields (in fieldsets when grouped), its own
 * Save and its own status. Only what changed is sent; the API's field errors show under the fields.
 *
 * @example
 * <SettingsForm id="site" heading={t('settings.siteHeading')} groups={[{ fields }]} stored={settings} save={patch} />
 */
export function SettingsForm(props: {
  id: string;
  heading: string;
  intro?: string;
  groups: SettingGroup[];
  stored: Record<string, unknown>;
  /** Sends the changes; answers the settings as now stored. */
  save: (changes: Record<string, unknown>) => Promise<Record<string, unknown>>;
  fieldPrefix?: string;
  /** Shown under the fields, from the values being edited (a permalink's example). */
  footer?: (values: Values) => ComponentChildren;
}) {
  const { groups } = props;
  const [stored, setStored] = useState(props.stored);
  const [values, setValues] = useState<Values>(() => valuesOf(groups, props.stored));
  const form = useFormAction(props.fieldPrefix ? { fieldPrefix: props.fieldPrefix } : {});
  const specs = groups.flatMap((group) => group.fields);

  useEffect(() => {
    setStored(props.stored);
    setValues(valuesOf(groups, props.stored));
  }, [props.stored]);

  const submit = async (event: Event) => {
    event.preventDefault();
    const before = valuesOf(groups, stored);
    const changes = Object.fromEntries(
      specs
        .filter((spec) => !spec.isReadOnly && values[spec.key] !== before[spec.key])
        .map((spec) => [spec.key, toApiValue(spec, values[spec.key] ?? '')]),
    );
    await form.run(async () => {
      if (Object.keys(changes).length === 0) return t('settings.noChanges');
      const saved = await props.save(changes);
      setStored(saved);
      setValues(valuesOf(groups, saved));
      return t('settings.sectionSaved', { section: props.heading });
    });
  };

  const fieldsOf = (fields: SettingSpec[]) =>
    fields.map((spec) => (
      <SettingField
        key={spec.key}
        spec={spec}
        value={values[spec.key] ?? ''}
        error={form.errors[spec.key]}
        onChange={(value) => setValues((current) => ({ ...current, [spec.key]: value }))}
      />
    ));

  return (
    <section class="settings-section" id={`settings-${props.id}`} aria-labelledby={`${props.id}-heading`}>
      <h2 id={`${props.id}-heading`}>{props.heading}</h2>
      {props.intro ? <p class="hint">{props.intro}</p> : null}
      <form onSubmit={submit} noValidate aria-labelledby={`${props.id}-heading`}>
        {groups.map((group, index) =>
          group.legend ? (
            <fieldset key={group.legend} class="settings-group">
              <legend>{group.legend}</legend>
              {fieldsOf(group.fields)}
            </fieldset>
          ) : (
            <div key={index}>{fieldsOf(group.fields)}</div>
          ),
        )}
        {props.footer?.(values)}
        <div class="toolbar">
          <button type="submit" class="button button-primary" disabled={form.isBusy}>
            {form.isBusy ? t('common.saving') : t('common.save')}
          </button>
        </div>
        <FormResult outcome={form.outcome} />
      </form>
    </section>
  );
}
