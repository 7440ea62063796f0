import { Button, Field, Flex, Modal, Textarea, Typography } from "@strapi/design-system";
import { useFetchClient } from "@strapi/strapi/admin";
import { useState } from "react";
import { errorOf } from "../lib/api";
import { useT } from "../lib/i18n";

export type DecisionKind = "approve" | "reject";

interface Props {
  documentId: string;
  /** The hash of the saved draft the reviewer is looking at: the server refuses the decision (409) if the draft changed since. */
  contentHash: string | null;
  title: string;
  kind: DecisionKind | null;
  onClose(): void;
  onDone(decision: DecisionKind): void;
}

/** Approve or reject the saved draft the reviewer sees, with the comment the server requires. */
export function DecisionDialog({ documentId, contentHash, title, kind, onClose, onDone }: Props) {
  const t = useT();
  const { post } = useFetchClient();
  const [comment, setComment] = useState("");
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [serverError, setServerError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const close = () => {
    setComment("");
    setFieldError(null);
    setServerError(null);
    onClose();
  };

  const submit = async () => {
    if (!kind) return;
    if (!comment.trim()) {
      setFieldError(t("decision.commentRequired"));
      return;
    }
    setBusy(true);
    setServerError(null);
    try {
      await post(`/hipaa-lint/campaigns/${encodeURIComponent(documentId)}/${kind}`, { comment, ...(contentHash ? { contentHash } : {}) });
      setComment("");
      setFieldError(null);
      onDone(kind);
    } catch (error) {
      const { message, details } = errorOf(error);
      if (details.key === "comment") setFieldError(message);
      else setServerError(message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal.Root open={kind !== null} onOpenChange={(open: boolean) => !open && close()}>
      <Modal.Content>
        <Modal.Header>
          <Modal.Title>{t(kind === "reject" ? "decision.rejectTitle" : "decision.approveTitle", { title })}</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          <Flex direction="column" alignItems="stretch" gap={4}>
            <Typography variant="omega">{t(kind === "reject" ? "decision.rejectHelp" : "decision.approveHelp")}</Typography>
            <Field.Root name="comment" required error={fieldError ?? undefined} hint={t("decision.commentHint")}>
              <Field.Label>{t("decision.comment")}</Field.Label>
              <Textarea
                name="comment"
                data-testid="hipaa-lint-decision-comment"
                value={comment}
                onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) => {
                  setComment(event.target.value);
                  if (fieldError) setFieldError(null);
                }}
              />
              <Field.Hint />
              <Field.Error />
            </Field.Root>
            {serverError ? (
              <Typography variant="omega" textColor="danger600" role="alert" data-testid="hipaa-lint-decision-error">
                {serverError}
              </Typography>
            ) : null}
          </Flex>
        </Modal.Body>
        <Modal.Footer>
          <Button variant="tertiary" onClick={close}>
            {t("action.cancel")}
          </Button>
          <Button
            variant={kind === "reject" ? "danger" : "success"}
            loading={busy}
            onClick={submit}
            data-testid="hipaa-lint-decision-submit"
          >
            {t(kind === "reject" ? "action.reject" : "action.approve")}
          </Button>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
}
