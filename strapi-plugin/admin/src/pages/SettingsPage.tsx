/**
 * Settings › hipaa-lint › Compliance rules (behind `plugin::hipaa-lint.settings`):
 * rule severities, the consent categories the linter accepts, which
 * severities block publishing. The server validates with the linter's own
 * schema; its errors name a key and are shown beside that field.
 */
import {
  Box,
  Button,
  Checkbox,
  Field,
  Flex,
  Link,
  SingleSelect,
  SingleSelectOption,
  Table,
  Tbody,
  Td,
  Textarea,
  Th,
  Thead,
  Toggle,
  Tr,
  Typography,
} from "@strapi/design-system";
import { Check } from "@strapi/icons";
import { Layouts, Page, useFetchClient, useNotification } from "@strapi/strapi/admin";
import { useCallback, useEffect, useState } from "react";
import { Link as RouterLink } from "react-router-dom";
import { CONSENT_CATEGORY_UID, errorOf, PERMISSIONS, type PluginSettings, type RuleInfo, type Severity } from "../lib/api";
import { useT } from "../lib/i18n";

type RuleChoice = "default" | "off" | "warn" | "error";

interface CategoryRow {
  documentId: string;
  key: string;
  name: string;
  conditionSpecific: boolean;
  active: boolean;
}

/** A rule's entry in `config.rules`: a severity, or `[severity, options]`. */
function severityOf(entry: unknown): RuleChoice {
  const value = Array.isArray(entry) ? entry[0] : entry;
  if (value === 0 || value === "off") return "off";
  if (value === 1 || value === "warn") return "warn";
  if (value === 2 || value === "error") return "error";
  return "default";
}

function withSeverity(entry: unknown, choice: RuleChoice, defaultSeverity: RuleInfo["defaultSeverity"]): unknown {
  // "default" keeps the rule's options, if any, at its default severity.
  if (choice === "default") return Array.isArray(entry) && entry[1] !== undefined ? [defaultSeverity, entry[1]] : undefined;
  return Array.isArray(entry) ? [choice, ...entry.slice(1)] : choice;
}

function SettingsForm() {
  const t = useT();
  const { get, put } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [rules, setRules] = useState<RuleInfo[]>([]);
  const [ruleConfig, setRuleConfig] = useState<Record<string, unknown>>({});
  const [otherConfig, setOtherConfig] = useState("{}");
  const [blockOn, setBlockOn] = useState<Severity[]>(["error"]);
  const [separationOfDuties, setSeparationOfDuties] = useState(true);
  const [categories, setCategories] = useState<CategoryRow[] | null>(null);
  const [categoriesError, setCategoriesError] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [loading, setLoading] = useState(true);
  const [saving, setSaving] = useState(false);

  const apply = (settings: PluginSettings, ruleList: RuleInfo[]) => {
    const { rules: configured, ...rest } = settings.config ?? {};
    setRules(ruleList);
    setRuleConfig((configured as Record<string, unknown>) ?? {});
    setOtherConfig(JSON.stringify(rest, null, 2));
    setBlockOn(settings.blockOn);
    setSeparationOfDuties(settings.separationOfDuties);
  };

  const loadCategories = useCallback(async () => {
    try {
      const { data } = await get<{ results: CategoryRow[] }>(`/content-manager/collection-types/${CONSENT_CATEGORY_UID}?page=1&pageSize=100&sort=name:ASC`);
      setCategories(data.results);
      setCategoriesError(null);
    } catch (e) {
      setCategories([]);
      setCategoriesError(errorOf(e).message);
    }
  }, [get]);

  useEffect(() => {
    (async () => {
      try {
        const { data } = await get<{ data: PluginSettings; meta: { rules: RuleInfo[] } }>("/hipaa-lint/settings");
        apply(data.data, data.meta?.rules ?? []);
      } catch (e) {
        toggleNotification({ type: "danger", message: errorOf(e).message });
      } finally {
        setLoading(false);
      }
    })();
    void loadCategories();
  }, [get, loadCategories, toggleNotification]);

  const toggleCategory = async (row: CategoryRow, active: boolean) => {
    try {
      await put(`/content-manager/collection-types/${CONSENT_CATEGORY_UID}/${row.documentId}`, { active });
      await loadCategories();
    } catch (e) {
      setCategoriesError(errorOf(e).message);
    }
  };

  const save = async () => {
    const nextErrors: Record<string, string> = {};
    let other: Record<string, unknown> = {};
    try {
      const parsed = JSON.parse(otherConfig || "{}");
      if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) throw new Error(t("settings.otherConfig.notObject"));
      other = parsed;
    } catch (e) {
      nextErrors.config = t("settings.otherConfig.invalidJson", { message: (e as Error).message });
    }
    if (blockOn.length === 0) nextErrors.blockOn = t("settings.blockOn.required");
    setErrors(nextErrors);
    if (Object.keys(nextErrors).length) return;

    const cleanRules = Object.fromEntries(Object.entries(ruleConfig).filter(([, v]) => v !== undefined));
    const config = { ...other, ...(Object.keys(cleanRules).length ? { rules: cleanRules } : {}) };
    setSaving(true);
    try {
      const { data } = await put<{ data: PluginSettings; meta: { rules: RuleInfo[] } }>("/hipaa-lint/settings", { config, blockOn, separationOfDuties });
      apply(data.data, data.meta?.rules ?? rules);
      toggleNotification({ type: "success", message: t("settings.saved") });
    } catch (e) {
      const { message, details } = errorOf(e);
      const key = String(details.key ?? "");
      setErrors({ [fieldFor(key)]: details.detail ? String(details.detail) : message });
      toggleNotification({ type: "danger", message });
    } finally {
      setSaving(false);
    }
  };

  /** Which field of this form a server error's key belongs to. */
  const fieldFor = (key: string): string => {
    const rule = /^config\.rules\.([^.]+)/.exec(key);
    if (rule && rules.some((r) => r.id === rule[1])) return `rule:${rule[1]}`;
    if (key.startsWith("blockOn")) return "blockOn";
    if (key.startsWith("separationOfDuties")) return "separationOfDuties";
    return "config";
  };

  if (loading) return <Page.Loading />;

  return (
    <Page.Main>
      <Page.Title>{t("settings.title")}</Page.Title>
      <Layouts.Header
        title={t("settings.title")}
        subtitle={t("settings.subtitle")}
        primaryAction={
          <Button startIcon={<Check />} onClick={save} loading={saving} data-testid="hipaa-lint-settings-save">
            {t("action.save")}
          </Button>
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius>
            <Flex direction="column" alignItems="stretch" gap={4}>
              <Typography variant="delta" tag="h2">
                {t("settings.gate")}
              </Typography>
              <Field.Root name="blockOn" error={errors.blockOn} hint={t("settings.blockOn.hint")}>
                <Field.Label>{t("settings.blockOn")}</Field.Label>
                <Flex gap={4}>
                  {(["error", "warn"] as Severity[]).map((severity) => (
                    <Checkbox
                      key={severity}
                      name={`blockOn-${severity}`}
                      checked={blockOn.includes(severity)}
                      onCheckedChange={(checked: boolean) =>
                        setBlockOn((current) => (checked ? [...new Set([...current, severity])] : current.filter((s) => s !== severity)))
                      }
                    >
                      {t(severity === "error" ? "severity.errors" : "severity.warnings")}
                    </Checkbox>
                  ))}
                </Flex>
                <Field.Hint />
                <Field.Error />
              </Field.Root>
              <Field.Root name="separationOfDuties" error={errors.separationOfDuties} hint={t("settings.separationOfDuties.hint")}>
                <Field.Label>{t("settings.separationOfDuties")}</Field.Label>
                <Toggle
                  onLabel={t("settings.on")}
                  offLabel={t("settings.off")}
                  checked={separationOfDuties}
                  onChange={(e: React.ChangeEvent<HTMLInputElement>) => setSeparationOfDuties(e.target.checked)}
                />
                <Field.Hint />
                <Field.Error />
              </Field.Root>
            </Flex>
          </Box>

          <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius>
            <Flex direction="column" alignItems="stretch" gap={4}>
              <Typography variant="delta" tag="h2">
                {t("settings.rules")}
              </Typography>
              <Table colCount={3} rowCount={rules.length + 1}>
                <Thead>
                  <Tr>
                    <Th>
                      <Typography variant="sigma">{t("settings.rules.rule")}</Typography>
                    </Th>
                    <Th>
                      <Typography variant="sigma">{t("settings.rules.default")}</Typography>
                    </Th>
                    <Th>
                      <Typography variant="sigma">{t("settings.rules.severity")}</Typography>
                    </Th>
                  </Tr>
                </Thead>
                <Tbody>
                  {rules.map((rule) => (
                    <Tr key={rule.id}>
                      <Td style={{ whiteSpace: "normal", maxWidth: "40rem" }}>
                        <Flex direction="column" alignItems="flex-start" gap={1}>
                          <Link href={rule.docsUrl} isExternal>
                            {rule.id}
                          </Link>
                          <Typography variant="pi" textColor="neutral600">
                            {rule.description}
                          </Typography>
                        </Flex>
                      </Td>
                      <Td>
                        <Typography>{t(`severity.${rule.defaultSeverity}` as any)}</Typography>
                      </Td>
                      <Td>
                        <Field.Root name={`rule-${rule.id}`} error={errors[`rule:${rule.id}`]}>
                          <Field.Label>{t("settings.rules.severityOf", { rule: rule.id })}</Field.Label>
                          <SingleSelect
                            value={severityOf(ruleConfig[rule.id])}
                            onChange={(value: string | number) =>
                              setRuleConfig((current) => ({ ...current, [rule.id]: withSeverity(current[rule.id], value as RuleChoice, rule.defaultSeverity) }))
                            }
                          >
                            <SingleSelectOption value="default">{t("settings.rules.useDefault")}</SingleSelectOption>
                            <SingleSelectOption value="off">{t("severity.off")}</SingleSelectOption>
                            <SingleSelectOption value="warn">{t("severity.warn")}</SingleSelectOption>
                            <SingleSelectOption value="error">{t("severity.error")}</SingleSelectOption>
                          </SingleSelect>
                          <Field.Error />
                        </Field.Root>
                      </Td>
                    </Tr>
                  ))}
                </Tbody>
              </Table>
            </Flex>
          </Box>

          <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius>
            <Flex direction="column" alignItems="stretch" gap={4}>
              <Typography variant="delta" tag="h2">
                {t("settings.categories")}
              </Typography>
              <Typography variant="omega" textColor="neutral600">
                {t("settings.categories.help")}
              </Typography>
              {categoriesError ? (
                <Typography textColor="danger600" role="alert">
                  {categoriesError}
                </Typography>
              ) : null}
              <Flex direction="column" alignItems="stretch" gap={2}>
                {(categories ?? []).map((category) => (
                  <Checkbox
                    key={category.documentId}
                    name={`category-${category.key}`}
                    checked={category.active}
                    onCheckedChange={(checked: boolean) => toggleCategory(category, checked)}
                  >
                    {category.name} ({category.key}){category.conditionSpecific ? ` — ${t("settings.categories.conditionSpecific")}` : ""}
                  </Checkbox>
                ))}
              </Flex>
              <Box>
                <Button tag={RouterLink} to={`/content-manager/collection-types/${CONSENT_CATEGORY_UID}`} variant="tertiary">
                  {t("settings.categories.manage")}
                </Button>
              </Box>
            </Flex>
          </Box>

          <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius>
            <Field.Root name="config" error={errors.config} hint={t("settings.otherConfig.hint")}>
              <Field.Label>{t("settings.otherConfig")}</Field.Label>
              <Textarea
                name="config"
                value={otherConfig}
                onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => setOtherConfig(e.target.value)}
                style={{ fontFamily: "monospace", minHeight: "12rem" }}
              />
              <Field.Hint />
              <Field.Error />
            </Field.Root>
          </Box>
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
}

export function SettingsPage() {
  return (
    <Page.Protect permissions={PERMISSIONS.settings}>
      <SettingsForm />
    </Page.Protect>
  );
}

export default SettingsPage;
