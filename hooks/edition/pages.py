"""The edition's pages by role: the one place that names their files under docs/.

Hooks find a page by its role (`pages.ARTICLE`), never by spelling its file name. A renamed page
is changed here, in the nav and links of mkdocs.yml and docs/, and gets a redirect in anchors.yml.
"""

ARTICLE = "article.md"  # the Russian text: numbered paragraphs, author notes, citations
ABSTRACT = "abstract.md"  # the English abstract and metadata
BIBLIOGRAPHY = "bibliography.md"
TIMELINE = "timeline.md"
GLOSSARY = "glossary.md"
ABOUT = "about.md"  # sources, principles, rights, the changelog (`{#changelog}`)

TEXT = (ARTICLE, ABSTRACT)  # the pages that carry the article's own words
LANGUAGES = {ARTICLE: "ru", ABSTRACT: "en"}
