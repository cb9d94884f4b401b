<?xml version="1.0" encoding="UTF-8"?>
<!-- names.xsl - how people are named: children by the name they use, adults in full. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fo="http://www.w3.org/1999/XSL/Format">

  <xsl:key name="party" match="/case/children/child | /case/people/person" use="@id"/>

  <!-- The name someone is called by: a child's preferred name, else given name; an adult's
       given and family name. -->
  <xsl:template name="name-of">
    <xsl:param name="id"/>
    <xsl:apply-templates select="key('party', $id)" mode="name"/>
  </xsl:template>

  <xsl:template match="child" mode="name">
    <xsl:choose>
      <xsl:when test="normalize-space(preferred-name)"><xsl:value-of select="normalize-space(preferred-name)"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="normalize-space(name/given)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <!-- A child's own copy names people as that child calls them (known-as, "Mum"). -->
  <xsl:template match="person" mode="name">
    <xsl:variable name="known" select="known-as[$reader = 'child' and @child = $recipient]"/>
    <xsl:choose>
      <xsl:when test="normalize-space($known)"><xsl:value-of select="normalize-space($known)"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="normalize-space(concat(name/given, ' ', name/family))"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Full name, as on an envelope: "Ms Sarah Hartley", "Amelia Hartley". -->
  <xsl:template match="child | person" mode="full-name">
    <xsl:value-of select="normalize-space(concat(name/title, ' ', name/given, ' ', name/family))"/>
  </xsl:template>

  <!-- "Dear ..." form: a child by the name they use, an adult by title and family name when
       there is a title, else by given and family name. -->
  <xsl:template match="child" mode="salutation">
    <xsl:apply-templates select="." mode="name"/>
  </xsl:template>
  <xsl:template match="person" mode="salutation">
    <xsl:choose>
      <xsl:when test="normalize-space(name/title)">
        <xsl:value-of select="normalize-space(concat(name/title, ' ', name/family))"/>
      </xsl:when>
      <xsl:otherwise><xsl:apply-templates select="." mode="name"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- "Helen Marsh (Social Worker)"; a family member with their relationship. In a right to left
       copy, a Latin name with its role is one left-to-right run (isolates) in the case's language,
       so that "Nadia Chaudhry (mother):" keeps its brackets and colon in place. -->
  <xsl:template match="person" mode="name-role">
    <xsl:variable name="name"><xsl:apply-templates select="." mode="name"/></xsl:variable>
    <xsl:variable name="v"><xsl:apply-templates select="." mode="name-with-role"/></xsl:variable>
    <xsl:choose>
      <xsl:when test="$l10n.rtl and string($v) != string($name)
                      and translate($name, string($l10n.latin), '') = ''">
        <fo:inline xml:lang="{$case/@lang}">&#x2066;<xsl:copy-of select="$v"/>&#x2069;</fo:inline>
      </xsl:when>
      <xsl:otherwise><xsl:copy-of select="$v"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <xsl:template match="person" mode="name-with-role">
    <xsl:apply-templates select="." mode="name"/>
    <xsl:choose>
      <!-- "Mum" needs no "(mother)" after it -->
      <xsl:when test="normalize-space(known-as[$reader = 'child' and @child = $recipient])"/>
      <xsl:when test="normalize-space(role) and normalize-space(agency)">
        <xsl:call-template name="t">
          <xsl:with-param name="key" select="'name.role.agency'"/>
          <xsl:with-param name="s1" select="normalize-space(role)"/>
          <xsl:with-param name="s2" select="normalize-space(agency)"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="normalize-space(role)">
        <xsl:call-template name="t">
          <xsl:with-param name="key" select="'name.role'"/>
          <xsl:with-param name="s1" select="normalize-space(role)"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="normalize-space(relationship)">
        <xsl:call-template name="t">
          <xsl:with-param name="key" select="'name.role'"/>
          <xsl:with-param name="s1" select="normalize-space(relationship)"/>
        </xsl:call-template>
      </xsl:when>
    </xsl:choose>
  </xsl:template>
  <xsl:template match="child" mode="name-role">
    <xsl:apply-templates select="." mode="name"/>
  </xsl:template>

  <!-- A list of names joined as the language joins them: "Millie", "Millie and Jack",
       "Millie, Jack and Sam". $ids is a space-separated list of ids. -->
  <xsl:template name="names-of">
    <xsl:param name="ids"/>
    <xsl:param name="mode" select="'name'"/>
    <xsl:variable name="list" select="normalize-space($ids)"/>
    <xsl:choose>
      <xsl:when test="not(contains($list, ' '))">
        <xsl:call-template name="one-name">
          <xsl:with-param name="id" select="$list"/>
          <xsl:with-param name="mode" select="$mode"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="first" select="substring-before($list, ' ')"/>
        <xsl:variable name="rest" select="substring-after($list, ' ')"/>
        <xsl:choose>
          <xsl:when test="not(contains($rest, ' '))">
            <xsl:call-template name="t">
              <xsl:with-param name="key" select="'list.and'"/>
              <xsl:with-param name="s1">
                <xsl:call-template name="one-name"><xsl:with-param name="id" select="$first"/><xsl:with-param name="mode" select="$mode"/></xsl:call-template>
              </xsl:with-param>
              <xsl:with-param name="s2">
                <xsl:call-template name="one-name"><xsl:with-param name="id" select="$rest"/><xsl:with-param name="mode" select="$mode"/></xsl:call-template>
              </xsl:with-param>
            </xsl:call-template>
          </xsl:when>
          <xsl:otherwise>
            <xsl:call-template name="t">
              <xsl:with-param name="key" select="'list.comma'"/>
              <xsl:with-param name="s1">
                <xsl:call-template name="one-name"><xsl:with-param name="id" select="$first"/><xsl:with-param name="mode" select="$mode"/></xsl:call-template>
              </xsl:with-param>
              <xsl:with-param name="s2">
                <xsl:call-template name="names-of"><xsl:with-param name="ids" select="$rest"/><xsl:with-param name="mode" select="$mode"/></xsl:call-template>
              </xsl:with-param>
            </xsl:call-template>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="one-name">
    <xsl:param name="id"/>
    <xsl:param name="mode"/>
    <xsl:choose>
      <xsl:when test="$mode = 'name-role'"><xsl:apply-templates select="key('party', $id)" mode="name-role"/></xsl:when>
      <xsl:when test="$mode = 'full'">
        <xsl:variable name="p" select="key('party', $id)"/>
        <xsl:apply-templates select="$p" mode="name"/>
        <xsl:if test="$p/self::child and normalize-space($p/name/family)">
          <xsl:value-of select="concat(' ', normalize-space($p/name/family))"/>
        </xsl:if>
      </xsl:when>
      <xsl:otherwise><xsl:apply-templates select="key('party', $id)" mode="name"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The ids of a node set, space-separated. -->
  <xsl:template name="ids">
    <xsl:param name="nodes"/>
    <xsl:for-each select="$nodes">
      <xsl:if test="position() != 1"><xsl:text> </xsl:text></xsl:if>
      <xsl:value-of select="@id"/>
    </xsl:for-each>
  </xsl:template>

  <!-- The children's names for headers: "Millie Hartley and Jack Hartley". Made once: the
       title and the header of every part print them. -->
  <xsl:variable name="subject-names">
    <xsl:variable name="ids">
      <xsl:call-template name="ids"><xsl:with-param name="nodes" select="$subjects"/></xsl:call-template>
    </xsl:variable>
    <xsl:call-template name="names-of">
      <xsl:with-param name="ids" select="$ids"/>
      <xsl:with-param name="mode" select="'full'"/>
    </xsl:call-template>
  </xsl:variable>
</xsl:stylesheet>
