import { Field, SingleSelect, SingleSelectOption } from "@strapi/design-system";
import { useFetchClient } from "@strapi/strapi/admin";
import { useEffect, useState } from "react";
import { useT } from "../lib/i18n";

interface Category {
  key: string;
  name: string;
  conditionSpecific: boolean;
}

interface Props {
  name: string;
  value?: string | null;
  onChange: (name: string, value: string | null) => void;
  label: string;
  hint?: string;
  error?: string;
  required?: boolean;
  disabled?: boolean;
}

/** A select of the active consent categories; stores the chosen category's key. */
export function ConsentCategoryInput({ name, value, onChange, label, hint, error, required, disabled }: Props) {
  const t = useT();
  const { get } = useFetchClient();
  const [categories, setCategories] = useState<Category[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    get<{ data: Category[] }>("/hipaa-lint/consent-categories")
      .then(({ data }) => !cancelled && setCategories(data.data))
      .catch((e: Error) => !cancelled && setLoadError(t("consent-category.loadFailed", { message: e.message })));
    return () => {
      cancelled = true;
    };
  }, [get, t]);

  return (
    <Field.Root name={name} hint={hint} error={error ?? loadError ?? undefined} required={required}>
      <Field.Label>{label}</Field.Label>
      <SingleSelect
        value={value ?? undefined}
        disabled={disabled}
        placeholder={t("consent-category.placeholder")}
        onClear={() => onChange(name, null)}
        onChange={(next: string | number) => onChange(name, String(next))}
      >
        {categories.map((category) => (
          <SingleSelectOption key={category.key} value={category.key}>
            {category.name}
            {category.conditionSpecific ? ` (${t("consent-category.conditionSpecific")})` : ""}
          </SingleSelectOption>
        ))}
      </SingleSelect>
      <Field.Hint />
      <Field.Error />
    </Field.Root>
  );
}
