"""The Podcasts view: subscriptions with artwork, each podcast's episodes, adding, refreshing, downloading."""
