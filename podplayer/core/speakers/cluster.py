"""Group speaker embeddings into voices: spectral clustering, as 3D-Speaker diarises.

Why spectral clustering with an eigen-gap: it finds the number of voices by itself from the shape of
the similarity graph, where a fixed distance threshold depends on how long the windows are and how
clean the recording is. The affinity keeps, for each window, only its most similar windows (p-pruning),
so a voice's windows form one connected block even when the voice varies; the number of blocks is
where the Laplacian's eigenvalues jump. Afterwards, groups whose centres are nearly the same voice are
merged, and groups too small to be a speaker join the nearest group.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

Floats = npt.NDArray[np.float32]
Labels = npt.NDArray[np.int64]

MAX_SPEAKERS = 10
PRUNE_KEEP = 0.06  # share of most similar windows each window stays linked to (3D-Speaker's pval)
MIN_LINKS = 6
MERGE_COSINE = 0.8  # two groups whose centres are this similar are one voice
MIN_GROUP_WINDOWS = 4  # fewer windows than this is a cough or a crosstalk, not a speaker
FEW_WINDOWS = 12  # below this, spectral clustering has too little to go on


def normalise(embeddings: Floats) -> Floats:
    norms = np.linalg.norm(embeddings, axis=1, keepdims=True)
    return (embeddings / np.where(norms > 0, norms, 1.0)).astype(np.float32)


def _pruned_affinity(unit: Floats) -> npt.NDArray[np.float64]:
    similarity = (unit @ unit.T).astype(np.float64)
    n = len(similarity)
    keep = max(MIN_LINKS, int(round(PRUNE_KEEP * n)))
    if keep < n:
        weakest = np.argsort(similarity, axis=1)[:, : n - keep]
        np.put_along_axis(similarity, weakest, 0.0, axis=1)
    affinity = 0.5 * (similarity + similarity.T)
    np.fill_diagonal(affinity, 0.0)
    return np.clip(affinity, 0.0, None)


def _spectral(unit: Floats, speakers: int | None) -> Labels:
    from sklearn.cluster import KMeans

    affinity = _pruned_affinity(unit)
    laplacian = np.diag(affinity.sum(axis=1)) - affinity
    eigenvalues, eigenvectors = np.linalg.eigh(laplacian)
    if speakers is None:
        top = min(MAX_SPEAKERS + 1, len(eigenvalues))
        gaps = np.diff(eigenvalues[:top])
        speakers = int(np.argmax(gaps)) + 1
    spectral = eigenvectors[:, :speakers]
    return np.asarray(KMeans(n_clusters=speakers, n_init=10, random_state=0).fit_predict(spectral), dtype=np.int64)


def _agglomerative(unit: Floats, speakers: int | None) -> Labels:
    from sklearn.cluster import AgglomerativeClustering

    if speakers is not None:
        model = AgglomerativeClustering(n_clusters=speakers, metric="cosine", linkage="average")
    else:
        model = AgglomerativeClustering(
            n_clusters=None, metric="cosine", linkage="average", distance_threshold=1.0 - MERGE_COSINE
        )
    return np.asarray(model.fit_predict(unit), dtype=np.int64)


def centres(unit: Floats, labels: Labels) -> dict[int, Floats]:
    return {int(g): normalise(unit[labels == g].mean(axis=0, keepdims=True))[0] for g in np.unique(labels)}


def _merge_similar(unit: Floats, labels: Labels) -> Labels:
    labels = labels.copy()
    while True:
        found = centres(unit, labels)
        if len(found) < 2:
            return labels
        keys = list(found)
        matrix = np.stack([found[k] for k in keys])
        similarity = matrix @ matrix.T
        np.fill_diagonal(similarity, -1.0)
        i, j = np.unravel_index(int(np.argmax(similarity)), similarity.shape)
        if similarity[i, j] < MERGE_COSINE:
            return labels
        labels[labels == keys[j]] = keys[i]


def _absorb_small(unit: Floats, labels: Labels, weights: Floats) -> Labels:
    sizes = {int(g): int((labels == g).sum()) for g in np.unique(labels)}
    big = [g for g, size in sizes.items() if size >= MIN_GROUP_WINDOWS]
    if not big:
        return np.zeros_like(labels)
    found = centres(unit, labels)
    matrix = np.stack([found[g] for g in big])
    out = labels.copy()
    for i, label in enumerate(labels):
        if int(label) not in big:
            out[i] = big[int(np.argmax(matrix @ unit[i]))]
    return out


def cluster(embeddings: Floats, speakers: int | None = None, weights: Floats | None = None) -> Labels:
    """A voice number (0, 1, …, in order of first appearance) for every embedding; ``speakers`` fixes
    how many voices there are, None finds it."""
    n = len(embeddings)
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    if n == 1 or speakers == 1:
        return np.zeros(n, dtype=np.int64)
    unit = normalise(embeddings)
    if speakers is not None:
        speakers = min(speakers, n)
        labels = _spectral(unit, speakers) if n >= FEW_WINDOWS else _agglomerative(unit, speakers)
    else:
        labels = _spectral(unit, None) if n >= FEW_WINDOWS else _agglomerative(unit, None)
        labels = _absorb_small(unit, _merge_similar(unit, labels), weights if weights is not None else np.ones(n, np.float32))
    order: dict[int, int] = {}
    return np.array([order.setdefault(int(g), len(order)) for g in labels], dtype=np.int64)
