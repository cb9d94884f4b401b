<?xml version="1.0" encoding="UTF-8"?>
<!-- pages.xsl - the page master and the running header and footer every page carries:
     the OFFICIAL-SENSITIVE marking, the children's names, the document and its date, and
     "page N of M". Page geometry comes from the style's parameters. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fo="http://www.w3.org/1999/XSL/Format"
    xmlns:exsl="http://exslt.org/common"
    xmlns:cd="urn:cindoc:marks"
    exclude-result-prefixes="exsl cd">

  <xsl:template name="layout-master-set">
    <fo:layout-master-set>
      <fo:simple-page-master master-name="page"
          page-width="{$page.width}" page-height="{$page.height}"
          margin-top="{$page.margin.top.mm}mm" margin-bottom="{$page.margin.bottom.mm}mm"
          margin-left="{$page.margin.inner.mm}mm" margin-right="{$page.margin.outer.mm}mm">
        <fo:region-body margin-top="{$body.margin.top.mm}mm" margin-bottom="{$body.margin.bottom.mm}mm"/>
        <fo:region-before extent="{$region.before.extent.mm}mm"/>
        <fo:region-after extent="{$region.after.extent.mm}mm"/>
      </fo:simple-page-master>
      <!-- a letter's pages before its last: the footer says that the letter goes on -->
      <fo:simple-page-master master-name="page-more"
          page-width="{$page.width}" page-height="{$page.height}"
          margin-top="{$page.margin.top.mm}mm" margin-bottom="{$page.margin.bottom.mm}mm"
          margin-left="{$page.margin.inner.mm}mm" margin-right="{$page.margin.outer.mm}mm">
        <fo:region-body margin-top="{$body.margin.top.mm}mm" margin-bottom="{$body.margin.bottom.mm}mm"/>
        <fo:region-before extent="{$region.before.extent.mm}mm"/>
        <fo:region-after region-name="after-more" extent="{$region.after.extent.mm}mm"/>
      </fo:simple-page-master>
      <fo:page-sequence-master master-name="letter">
        <fo:repeatable-page-master-alternatives>
          <fo:conditional-page-master-reference master-reference="page" page-position="last"/>
          <fo:conditional-page-master-reference master-reference="page-more"/>
        </fo:repeatable-page-master-alternatives>
      </fo:page-sequence-master>
    </fo:layout-master-set>
  </xsl:template>

  <!-- The key naming each document, for headers and bookmarks. -->
  <xsl:template name="doc-title-key">
    <xsl:param name="part" select="$doc"/>
    <xsl:value-of select="concat('doc.', $part)"/>
  </xsl:template>

  <!-- One part of a document on its own pages. $part: plan | minutes | letter | case-note |
       closing-summary. A document of several parts (a plan copy: letter, plan, minutes) is one
       pack: its pages are numbered through ("page 3 of 9"), $first says whether this part starts
       the pack and $last names the pack's last part. Each part ends where its content ends: no
       blank page is forced between parts (force-page-count="no-force", said explicitly because
       XSL's default "auto" would pad a part when the next one restarted its numbering). -->
  <xsl:template name="page-sequence">
    <xsl:param name="part"/>
    <xsl:param name="content"/>
    <xsl:param name="first" select="true()"/>
    <xsl:param name="last" select="$part"/>
    <xsl:variable name="seq-id" select="concat('part-', $part)"/>
    <xsl:variable name="pack-end" select="concat('part-', $last)"/>
    <fo:page-sequence id="{$seq-id}" force-page-count="no-force"
        language="{$lang}" xsl:use-attribute-sets="root.properties">
      <xsl:attribute name="master-reference">
        <xsl:choose>
          <xsl:when test="$part = 'letter'">letter</xsl:when>
          <xsl:otherwise>page</xsl:otherwise>
        </xsl:choose>
      </xsl:attribute>
      <xsl:attribute name="initial-page-number">
        <xsl:choose>
          <xsl:when test="$first">1</xsl:when>
          <xsl:otherwise>auto</xsl:otherwise>
        </xsl:choose>
      </xsl:attribute>
      <!-- a right-to-left language is laid out right to left throughout: start is the right -->
      <xsl:if test="$l10n.rtl">
        <xsl:attribute name="writing-mode">rl-tb</xsl:attribute>
      </xsl:if>
      <fo:static-content flow-name="xsl-region-before" role="Artifact">
        <fo:block xsl:use-attribute-sets="marking.properties">
          <xsl:call-template name="t"><xsl:with-param name="key" select="'marking'"/></xsl:call-template>
        </fo:block>
        <fo:block xsl:use-attribute-sets="header.properties">
          <xsl:call-template name="t">
            <xsl:with-param name="key" select="'header.line'"/>
            <xsl:with-param name="s1" select="$subject-names"/>
            <xsl:with-param name="s2">
              <xsl:call-template name="t">
                <xsl:with-param name="key" select="concat('doc.', $part)"/>
              </xsl:call-template>
            </xsl:with-param>
            <xsl:with-param name="s3">
              <!-- the plan and minutes inside a letter are those of their meeting; the letter
                   itself is dated the day it is sent -->
              <xsl:call-template name="date">
                <xsl:with-param name="iso">
                  <xsl:choose>
                    <xsl:when test="$the-meeting and ($part = 'plan' or $part = 'minutes')"><xsl:value-of select="$the-meeting/@date"/></xsl:when>
                    <xsl:otherwise><xsl:value-of select="$date"/></xsl:otherwise>
                  </xsl:choose>
                </xsl:with-param>
              </xsl:call-template>
            </xsl:with-param>
          </xsl:call-template>
        </fo:block>
        <xsl:if test="$part = 'plan' or $part = 'minutes'">
          <fo:block xsl:use-attribute-sets="header.continued.properties">
            <fo:retrieve-marker retrieve-class-name="continued" retrieve-position="first-including-carryover" retrieve-boundary="page"/>
          </fo:block>
        </xsl:if>
      </fo:static-content>
      <fo:static-content flow-name="xsl-region-after" role="Artifact">
        <xsl:call-template name="footer"><xsl:with-param name="pack-end" select="$pack-end"/></xsl:call-template>
      </fo:static-content>
      <xsl:if test="$part = 'letter'">
        <fo:static-content flow-name="after-more" role="Artifact">
          <fo:block xsl:use-attribute-sets="footer.more.properties">
            <xsl:call-template name="t"><xsl:with-param name="key" select="'letter.continues'"/></xsl:call-template>
          </fo:block>
          <xsl:call-template name="footer"><xsl:with-param name="pack-end" select="$pack-end"/></xsl:call-template>
        </fo:static-content>
      </xsl:if>
      <fo:flow flow-name="xsl-region-body">
        <xsl:if test="$first and $part != 'letter'"><xsl:call-template name="english-notice"/></xsl:if>
        <xsl:choose>
          <xsl:when test="$part = 'plan' or $part = 'minutes'">
            <xsl:call-template name="sections"><xsl:with-param name="blocks" select="exsl:node-set($content)/node()"/></xsl:call-template>
          </xsl:when>
          <xsl:otherwise><xsl:copy-of select="$content"/></xsl:otherwise>
        </xsl:choose>
        <!-- a letter's head sits where the envelope's window is: its notice goes at its end -->
        <xsl:if test="$first and $part = 'letter'"><xsl:call-template name="english-notice"/></xsl:if>
      </fo:flow>
    </fo:page-sequence>
  </xsl:template>

  <!-- A copy in another language than the case's that prints case text with no translation into
       its language says so in the reader's words (a child's in the words used to a child), once,
       at the start of the pack (a letter: at its end), with how to ask for an interpreter. Whether
       it does is known once the whole copy is made: the notice is marked cd:notice here and kept
       by the typography pass (gen/transform/typography.h) only when some case text (cd:case) is
       in another language. -->
  <xsl:template name="english-notice">
    <xsl:if test="$lang != string($case/@lang)">
      <fo:block xsl:use-attribute-sets="notice.properties" role="Note" cd:notice="case-language">
        <xsl:call-template name="t">
          <xsl:with-param name="key">
            <xsl:choose>
              <xsl:when test="$reader = 'child'">notice.case-language.child</xsl:when>
              <xsl:otherwise>notice.case-language</xsl:otherwise>
            </xsl:choose>
          </xsl:with-param>
          <xsl:with-param name="s1" select="normalize-space($case/authority/phone)"/>
        </xsl:call-template>
      </fo:block>
    </xsl:if>
  </xsl:template>

  <!-- The running footer: the council, the case reference, "page N of M" and the marking. -->
  <xsl:template name="footer">
    <xsl:param name="pack-end"/>
    <fo:block xsl:use-attribute-sets="footer.properties">
      <xsl:call-template name="t">
        <xsl:with-param name="key" select="'footer.line'"/>
        <xsl:with-param name="s1" select="normalize-space($case/authority/name)"/>
        <xsl:with-param name="s2" select="string($case/@ref)"/>
        <xsl:with-param name="s3">
          <xsl:call-template name="t">
            <xsl:with-param name="key" select="'page.n.of.m'"/>
            <xsl:with-param name="s1"><fo:page-number/></xsl:with-param>
            <xsl:with-param name="s2"><fo:page-number-citation-last ref-id="{$pack-end}"/></xsl:with-param>
          </xsl:call-template>
        </xsl:with-param>
      </xsl:call-template>
    </fo:block>
    <fo:block xsl:use-attribute-sets="marking.properties">
      <xsl:call-template name="t"><xsl:with-param name="key" select="'marking'"/></xsl:call-template>
    </fo:block>
  </xsl:template>

  <!-- A top-level block that starts a section: a level-1 heading, or a block that opens with one.
       $blocks: every top-level node of a page sequence's content (one tree), in order. A
       section's body is what lies between its start and the next one, found by counting
       (comparing every block with every other was quadratic in the blocks of a plan). -->
  <xsl:template name="sections">
    <xsl:param name="blocks"/>
    <xsl:variable name="starts" select="$blocks[self::fo:block and (@role = 'H2' or *[1][@role = 'H2'])]"/>
    <xsl:choose>
      <xsl:when test="$starts">
        <xsl:variable name="before" select="count($starts[1]/preceding-sibling::node())"/>
        <xsl:copy-of select="$blocks[position() &lt;= $before]"/>
      </xsl:when>
      <xsl:otherwise><xsl:copy-of select="$blocks"/></xsl:otherwise>
    </xsl:choose>
    <xsl:for-each select="$starts">
      <!-- the next start: the starts are siblings, in their order -->
      <xsl:variable name="i" select="position()"/>
      <xsl:variable name="next" select="$starts[$i + 1]"/>
      <xsl:variable name="n" select="count($next/preceding-sibling::node()) - count(preceding-sibling::node()) - 1"/>
      <!-- a section's body: what lies before the next start, or, for the last, all after it -->
      <xsl:choose>
        <xsl:when test="$next">
          <xsl:call-template name="section">
            <xsl:with-param name="head" select="."/>
            <xsl:with-param name="body" select="following-sibling::node()[position() &lt;= $n]"/>
          </xsl:call-template>
        </xsl:when>
        <xsl:otherwise>
          <xsl:call-template name="section">
            <xsl:with-param name="head" select="."/>
            <xsl:with-param name="body" select="following-sibling::node()"/>
          </xsl:call-template>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>

  <!-- A section of a long plan or minutes: a page that begins inside its body says, under the
       header, which section goes on ("What we are going to do (continued)": fo:marker, retrieved
       by the header); a page that begins with a heading says nothing. -->
  <xsl:template name="section">
    <xsl:param name="head"/>
    <xsl:param name="body"/>
    <fo:block>
      <xsl:for-each select="$head">
        <xsl:copy>
          <xsl:copy-of select="@*"/>
          <fo:marker marker-class-name="continued"/>
          <xsl:copy-of select="node()"/>
        </xsl:copy>
      </xsl:for-each>
      <xsl:if test="$body">
        <fo:block>
          <fo:marker marker-class-name="continued">
            <xsl:call-template name="t">
              <xsl:with-param name="key" select="'heading.continued'"/>
              <xsl:with-param name="s1" select="normalize-space($head[@role = 'H2'] | $head/*[1][@role = 'H2'])"/>
            </xsl:call-template>
          </fo:marker>
          <xsl:copy-of select="$body"/>
        </fo:block>
      </xsl:if>
    </fo:block>
  </xsl:template>

  <!-- The document's metadata: its title ("Child in Need plan for Amelia Hartley, 6 July 2026",
       the PDF's /Title and dc:title, shown by readers instead of the file name), the council as
       author, and its date (the PDF's creation date, so rendering again gives the same file). -->
  <xsl:template name="declarations">
    <fo:declarations>
      <x:xmpmeta xmlns:x="adobe:ns:meta/">
        <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
          <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
            <dc:title>
              <xsl:variable name="t">
                <xsl:call-template name="t">
                  <xsl:with-param name="key" select="'doc.title'"/>
                  <xsl:with-param name="s1">
                    <xsl:call-template name="t"><xsl:with-param name="key" select="concat('doc.', $doc)"/></xsl:call-template>
                  </xsl:with-param>
                  <xsl:with-param name="s2" select="$subject-names"/>
                  <xsl:with-param name="s3">
                    <xsl:call-template name="date"><xsl:with-param name="iso" select="$date"/></xsl:call-template>
                  </xsl:with-param>
                </xsl:call-template>
              </xsl:variable>
              <xsl:value-of select="normalize-space($t)"/>
            </dc:title>
            <dc:creator><xsl:value-of select="normalize-space($case/authority/name)"/></dc:creator>
            <dc:date><xsl:value-of select="$date"/></dc:date>
          </rdf:Description>
        </rdf:RDF>
      </x:xmpmeta>
    </fo:declarations>
  </xsl:template>

  <!-- Bookmarks: one per part of the document. -->
  <xsl:template name="bookmarks">
    <fo:bookmark-tree>
      <xsl:choose>
        <xsl:when test="$doc = 'plan-copy'">
          <xsl:call-template name="bookmark"><xsl:with-param name="part" select="'letter'"/></xsl:call-template>
          <xsl:call-template name="bookmark"><xsl:with-param name="part" select="'plan'"/></xsl:call-template>
          <xsl:call-template name="bookmark"><xsl:with-param name="part" select="'minutes'"/></xsl:call-template>
        </xsl:when>
        <xsl:when test="$doc = 'closure-letter'">
          <xsl:call-template name="bookmark"><xsl:with-param name="part" select="'letter'"/></xsl:call-template>
          <xsl:if test="$final-minutes = 'yes'">
            <xsl:call-template name="bookmark"><xsl:with-param name="part" select="'minutes'"/></xsl:call-template>
          </xsl:if>
        </xsl:when>
        <xsl:otherwise>
          <xsl:call-template name="bookmark"><xsl:with-param name="part" select="$doc"/></xsl:call-template>
        </xsl:otherwise>
      </xsl:choose>
    </fo:bookmark-tree>
  </xsl:template>

  <xsl:template name="bookmark">
    <xsl:param name="part"/>
    <fo:bookmark internal-destination="part-{$part}">
      <fo:bookmark-title>
        <xsl:call-template name="t-string">
          <xsl:with-param name="key" select="concat('doc.', $part)"/>
        </xsl:call-template>
      </fo:bookmark-title>
    </fo:bookmark>
  </xsl:template>
</xsl:stylesheet>
