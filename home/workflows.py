def publish_after_review(workflow_state, user=None):
    """Publish when the last 三审 step approves. Passing every review step is what authorises
    publication, so the final reviewer needs no publish permission of their own, and no group
    holds one that would let it skip the earlier steps."""
    workflow_state.content_object.get_latest_revision().publish(user=user, skip_permission_checks=True)
