/**
 * The campaign edit view's side panel (Content Manager API
 * `addEditViewSidePanel`): findings for the current form values, refreshed
 * as the editor types; the review status; Approve / Reject for reviewers;
 * the audit trail; and, after a refused publish, why it was refused.
 */
import { Alert, Box, Button, Divider, Flex, Loader, Typography } from "@strapi/design-system";
import type { PanelComponent, PanelComponentProps } from "@strapi/content-manager/strapi-admin";
import { useFetchClient, useForm, useRBAC } from "@strapi/strapi/admin";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import {
  CAMPAIGN_UID,
  errorOf,
  PERMISSIONS,
  statusFor,
  type ConsentCategory,
  type LintReport,
  type LintResponse,
  type ReviewEvent,
} from "../lib/api";
import { useT } from "../lib/i18n";
import { campaignStore, keyOf, useRefusal, type GateState } from "../lib/store";
import { AuditTrail } from "./AuditTrail";
import { DecisionDialog, type DecisionKind } from "./DecisionDialog";
import { FindingsByField, ReviewStatusBadge } from "./Findings";
import { RefusalExplanation } from "./RefusalExplanation";

const LINT_DEBOUNCE_MS = 400;

interface RelationItem {
  id?: number | string;
  documentId?: string;
  apiData?: { documentId?: string };
}

const relationDocumentId = (item: RelationItem | undefined) => item?.documentId ?? item?.apiData?.documentId ?? null;

/** The consent category's documentId the form holds now: the saved one, changed by the form's connect / disconnect. */
function currentCategoryId(saved: string | null, value: unknown): string | null {
  const field = (value ?? {}) as { connect?: RelationItem[]; disconnect?: RelationItem[] };
  const connected = field.connect?.length ? relationDocumentId(field.connect[field.connect.length - 1]) : null;
  if (connected) return connected;
  const disconnected = (field.disconnect ?? []).some((item) => relationDocumentId(item) === saved || (item.id != null && !relationDocumentId(item)));
  return disconnected ? null : saved;
}

function CompliancePanelContent({ document, documentId, model }: PanelComponentProps) {
  const t = useT();
  const { get, post } = useFetchClient();
  const values = useForm("HipaaLintPanel", (state: any) => state.values) as Record<string, unknown>;
  const { allowedActions, isLoading: permissionsLoading } = useRBAC(PERMISSIONS);
  const canLint = allowedActions.canLint;
  const canRead = allowedActions.canRead;
  const canApprove = allowedActions.canApprove;
  const storeKey = keyOf(documentId);
  const refusal = useRefusal(storeKey);

  const [categories, setCategories] = useState<ConsentCategory[]>([]);
  const [savedCategory, setSavedCategory] = useState<string | null>(null);
  const [report, setReport] = useState<LintReport | null>(null);
  const [contentHash, setContentHash] = useState<string | null>(null);
  const [lintError, setLintError] = useState<string | null>(null);
  const [linting, setLinting] = useState(false);
  const [events, setEvents] = useState<ReviewEvent[]>([]);
  const [decision, setDecision] = useState<DecisionKind | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const requestSeq = useRef(0);
  const updatedAt = (document as any)?.updatedAt as string | undefined;

  useEffect(() => {
    get<{ data: ConsentCategory[] }>("/hipaa-lint/consent-categories")
      .then(({ data }) => setCategories(data.data))
      .catch(() => setCategories([]));
  }, [get]);

  // The saved consent category (the form only holds what changed).
  useEffect(() => {
    if (!documentId) return;
    get<{ results: RelationItem[] }>(`/content-manager/relations/${CAMPAIGN_UID}/${documentId}/consentCategory`)
      .then(({ data }) => setSavedCategory(relationDocumentId(data.results?.[0])))
      .catch(() => setSavedCategory(null));
  }, [get, documentId, updatedAt]);

  const loadEvents = useCallback(async () => {
    if (!documentId || !canRead) return;
    try {
      const { data } = await get<{ data: ReviewEvent[] }>(`/hipaa-lint/campaigns/${encodeURIComponent(documentId)}/events`);
      setEvents(data.data);
    } catch {
      setEvents([]);
    }
  }, [get, documentId, canRead]);

  useEffect(() => {
    void loadEvents();
  }, [loadEvents, updatedAt, refusal?.at]);

  const categoryId = currentCategoryId(savedCategory, values?.consentCategory);
  const categoryKey = categoryId ? categories.find((c) => c.documentId === categoryId)?.key ?? null : null;
  const content = useMemo(
    () => ({
      subject: (values?.subject as string | null) ?? null,
      preheader: (values?.preheader as string | null) || null,
      body: (values?.body as string | null) ?? "",
      format: (values?.format as string | null) ?? "mjml",
      consentCategory: categoryKey,
      audienceSegment: (values?.audienceSegment as string | null) || null,
    }),
    [values?.subject, values?.preheader, values?.body, values?.format, values?.audienceSegment, categoryKey],
  );

  // Live lint of the form's values, debounced; a stale answer never replaces a newer one.
  useEffect(() => {
    if (permissionsLoading) return;
    if (!canLint) {
      const saved = (document as any)?.lintReport as LintReport | undefined;
      setReport(saved ?? null);
      setContentHash(((document as any)?.contentHash as string | undefined) ?? null);
      return;
    }
    const seq = ++requestSeq.current;
    setLinting(true);
    const timer = setTimeout(async () => {
      try {
        const { data } = await post<LintResponse>("/hipaa-lint/lint", content);
        if (seq !== requestSeq.current) return;
        setReport(data.meta.report);
        setContentHash(data.meta.contentHash);
        setLintError(null);
      } catch (error) {
        if (seq !== requestSeq.current) return;
        setLintError(errorOf(error).message);
      } finally {
        if (seq === requestSeq.current) setLinting(false);
      }
    }, LINT_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [post, content, canLint, permissionsLoading, document]);

  const status = statusFor(report, contentHash, events);
  const latestDecision = [...events].reverse().find((e) => e.action === "approved" || e.action === "rejected") ?? null;
  const gate: GateState = useMemo(
    () => ({
      blocked: status === "rejected" || (status === "flagged" && (report?.blockingCount ?? 0) > 0),
      blocking: report?.findings.filter((f) => f.blocking) ?? [],
      rejection: status === "rejected" ? latestDecision : null,
    }),
    [status, report, latestDecision],
  );
  useEffect(() => {
    campaignStore.setGate(storeKey, gate);
  }, [storeKey, gate]);

  const onDecided = async (kind: DecisionKind) => {
    setDecision(null);
    setNotice(t(kind === "approve" ? "decision.approved" : "decision.rejected"));
    await loadEvents();
  };

  const title = (values?.title as string | undefined) ?? "";

  return (
    <Flex direction="column" alignItems="stretch" gap={4} width="100%" data-testid="hipaa-lint-panel">
      {refusal ? <RefusalExplanation refusal={refusal} onDismiss={() => campaignStore.setRefusal(storeKey, null)} /> : null}

      <Flex justifyContent="space-between" gap={2} wrap="wrap">
        <Typography variant="sigma" textColor="neutral600">
          {t("panel.status")}
        </Typography>
        <ReviewStatusBadge status={status} />
      </Flex>

      {report ? (
        <Typography variant="pi" textColor="neutral600" data-testid="hipaa-lint-counts">
          {t("panel.counts", { errors: report.errorCount, warnings: report.warningCount, blocking: report.blockingCount })}
        </Typography>
      ) : null}

      {gate.blocked ? (
        <Typography variant="pi" textColor="danger600" data-testid="hipaa-lint-gate">
          {gate.rejection ? t("panel.gateRejected") : t("panel.gateBlocked", { count: gate.blocking.length })}
        </Typography>
      ) : report ? (
        <Typography variant="pi" textColor="success600" data-testid="hipaa-lint-gate">
          {status === "approved" ? t("panel.gateApproved") : t("panel.gateOpen")}
        </Typography>
      ) : null}

      {!canLint && !permissionsLoading ? (
        <Typography variant="pi" textColor="neutral600">
          {t("panel.savedReportOnly")}
        </Typography>
      ) : null}
      {lintError ? (
        <Alert variant="danger" closeLabel={t("action.close")} title={t("panel.lintFailed")} onClose={() => setLintError(null)}>
          {lintError}
        </Alert>
      ) : null}

      <Box>
        <Flex gap={2} paddingBottom={2}>
          <Typography variant="delta" tag="h2">
            {t("panel.findings")}
          </Typography>
          {linting ? <Loader small>{t("panel.linting")}</Loader> : null}
        </Flex>
        {report ? <FindingsByField findings={report.findings} /> : <Typography textColor="neutral600">{t("panel.noReport")}</Typography>}
      </Box>

      {canApprove && documentId ? (
        <>
          <Divider />
          <Flex direction="column" alignItems="stretch" gap={2}>
            <Typography variant="delta" tag="h2">
              {t("panel.review")}
            </Typography>
            <Typography variant="pi" textColor="neutral600">
              {t("panel.reviewHelp")}
            </Typography>
            <Flex gap={2}>
              <Button variant="success-light" onClick={() => setDecision("approve")} data-testid="hipaa-lint-approve">
                {t("action.approve")}
              </Button>
              <Button variant="danger-light" onClick={() => setDecision("reject")} data-testid="hipaa-lint-reject">
                {t("action.reject")}
              </Button>
            </Flex>
            {notice ? (
              <Typography variant="pi" textColor="success600" role="status">
                {notice}
              </Typography>
            ) : null}
          </Flex>
          <DecisionDialog
            documentId={documentId}
            contentHash={((document as any)?.contentHash as string | undefined) ?? null}
            title={title}
            kind={decision}
            onClose={() => setDecision(null)}
            onDone={onDecided}
          />
        </>
      ) : null}

      {documentId && canRead ? (
        <>
          <Divider />
          <AuditTrail events={events} />
        </>
      ) : null}
    </Flex>
  );
}

/** Registered with `addEditViewSidePanel`: shows only on campaigns. */
export const CompliancePanel: PanelComponent = (props) => {
  const t = useT();
  if (props.model !== CAMPAIGN_UID) return null;
  return {
    title: t("panel.title"),
    content: <CompliancePanelContent {...props} />,
  };
};
