/**
 * Wraps the Content Manager's own Publish action (document actions API) for
 * campaigns: the publish itself is Strapi's; when the hipaa-lint gate
 * refuses it, the side panel explains why in words, beside the findings.
 */
import type { DocumentActionComponent } from "@strapi/content-manager/strapi-admin";
import { useFetchClient } from "@strapi/strapi/admin";
import { CAMPAIGN_UID } from "../lib/api";
import { campaignStore, keyOf } from "../lib/store";

export function withPublishRefusal(Original: DocumentActionComponent): DocumentActionComponent {
  const Wrapped: DocumentActionComponent = (props) => {
    const description = Original(props);
    const { get } = useFetchClient();
    if (!description || props.model !== CAMPAIGN_UID || !description.onClick) return description;
    const onClick = description.onClick;
    return {
      ...description,
      onClick: async (event: React.SyntheticEvent) => {
        const key = keyOf(props.documentId);
        campaignStore.setRefusal(key, null);
        let result: unknown;
        let failure: unknown = null;
        try {
          result = await onClick(event);
        } catch (error) {
          failure = error ?? new Error("publish failed");
        }
        // `true`: Strapi ran the publish (not a confirmation dialog first).
        if (!failure && result !== true) return result as any;
        let published = false;
        if (props.documentId) {
          try {
            const { data } = await get<{ data: { status?: string } }>(`/content-manager/collection-types/${CAMPAIGN_UID}/${props.documentId}`);
            published = data.data?.status === "published";
          } catch {
            published = false;
          }
        }
        const gate = campaignStore.getState().gate[key];
        if (!published && gate?.blocked) campaignStore.setRefusal(key, { ...gate, at: Date.now() });
        if (failure) throw failure;
        return result as any;
      },
    };
  };
  Wrapped.type = Original.type;
  (Wrapped as any).position = (Original as any).position;
  return Wrapped;
}
