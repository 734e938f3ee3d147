"""What citizens post in public on the interaction pages (comments, opinions, interview
questions): casework's moderated posts, moderated by holders of one permission."""

from casework.posts import ModeratedPost

MODERATE_PERMISSION = "interaction.moderate_posts"  # declared on Comment's Meta


class PublicPost(ModeratedPost):
    MODERATE_PERMISSION = MODERATE_PERMISSION

    class Meta(ModeratedPost.Meta):
        abstract = True
