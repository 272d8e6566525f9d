import { type QueryKey, useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Drawer, Form, type FormInstance, type FormRule } from 'antd';
import type { ReactNode } from 'react';
import type { z } from 'zod';
import { useT } from '../i18n/index.ts';
import { blankToUndefined, useServerErrors, useValidation } from './forms.ts';

/** How a form's values become one request: the body schema (the server's own), the mapping, the call. */
interface Endpoint<V, S extends z.ZodType, Args extends unknown[]> {
  schema: S;
  /** The raw body for the schema; optional fields emptied in the form arrive as undefined. */
  toBody: (values: V) => unknown;
  send: (...args: [...Args, z.output<S>]) => Promise<unknown>;
}

export interface EditFormOptions<V, CS extends z.ZodType, US extends z.ZodType> {
  /** The id of the record being edited; null when creating a new one. */
  id: string | null;
  create: Endpoint<V, CS, []>;
  update: Endpoint<V, US, [id: string]>;
  /** The queries a save makes stale (the list the record shows in). */
  invalidates: QueryKey;
  /** Called after a successful save, and by the cancel button. */
  onClose: () => void;
}

/** What an edit form's shell (EditForm, EditDrawer) and its fields need. */
export interface EditFormState<V> {
  form: FormInstance<V>;
  /** An antd rule checking one field with a shared zod schema. */
  zodRule: (schema: z.ZodType, options?: { optional?: boolean }) => FormRule;
  /** A server error that belongs to no field on the form. */
  formError: string | null;
  saving: boolean;
  /** The form's onFinish: validate with the body schema, then create or update. */
  submit: (values: V) => void;
  close: () => void;
}

type SaveInput<C, U> = { id: null; body: C } | { id: string; body: U };

/**
 * The scaffolding of a create/edit form: the antd form, client validation with the shared schemas,
 * the save mutation (refresh the list, say "saved", close) and server errors placed under their fields.
 */
export function useEditForm<V extends object, CS extends z.ZodType, US extends z.ZodType>({ id, create, update, invalidates, onClose }: EditFormOptions<V, CS, US>): EditFormState<V> {
  const t = useT();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<V>();
  const { zodRule, parseForm } = useValidation();
  const { formError, showError, clearError } = useServerErrors(form);

  const save = useMutation({
    mutationFn: (input: SaveInput<z.output<CS>, z.output<US>>) => (input.id === null ? create.send(input.body) : update.send(input.id, input.body)),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: invalidates });
      void message.success(t('common.saved'));
      onClose();
    },
    onError: showError,
  });

  const submit = (values: V) => {
    clearError();
    const v = blankToUndefined<V>({ ...values });
    if (id === null) {
      const body = parseForm(create.schema, create.toBody(v), form);
      if (body !== undefined) save.mutate({ id: null, body });
    } else {
      const body = parseForm(update.schema, update.toBody(v), form);
      if (body !== undefined) save.mutate({ id, body });
    }
  };

  return { form, zodRule, formError, saving: save.isPending, submit, close: onClose };
}

interface EditFormProps<V> {
  edit: EditFormState<V>;
  /** The form's name (antd prefixes field ids with it). */
  name: string;
  initialValues: Partial<V>;
  /** For fields that depend on others (a department belongs to a region). */
  onValuesChange?: (changed: Partial<V>) => void;
  children: ReactNode;
}

/** The form itself: vertical layout, the server's form-level error on top, then the fields. */
export function EditForm<V>({ edit, name, initialValues, onValuesChange, children }: EditFormProps<V>) {
  return (
    <Form<V> form={edit.form} layout="vertical" name={name} initialValues={initialValues} onFinish={edit.submit} onValuesChange={onValuesChange}>
      {edit.formError ? <Alert type="error" showIcon title={edit.formError} className="block-gap" /> : null}
      {children}
    </Form>
  );
}

/** A create/edit form in a side drawer, with cancel and save in the footer. */
export function EditDrawer<V>({ title, size = 520, ...formProps }: EditFormProps<V> & { title: string; size?: number }) {
  const t = useT();
  const { edit } = formProps;
  return (
    <Drawer
      open
      onClose={edit.close}
      title={title}
      size={size}
      destroyOnHidden
      footer={
        <div className="button-row">
          <Button onClick={edit.close}>{t('common.cancel')}</Button>
          <Button type="primary" loading={edit.saving} onClick={() => edit.form.submit()}>
            {t('common.save')}
          </Button>
        </div>
      }
    >
      <EditForm {...formProps} />
    </Drawer>
  );
}
