<?xml version="1.0" encoding="UTF-8"?>
<!-- letter.xsl - the frame of a letter: who it is from, the address in the envelope window, the
     date and reference, "Dear ...", the body, the sign-off by the lead professional, and who to
     contact. The address sits where a DL window envelope shows it (styles: window.*). -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fo="http://www.w3.org/1999/XSL/Format">

  <!-- The lead professional signs letters; else the chair of the latest meeting. -->
  <xsl:variable name="signatory"
      select="key('party', string($case/plan/@lead | $case/meetings/meeting[last()]/chair/@ref[not($case/plan/@lead)]))"/>

  <!-- An address, one line per block: every field of the schema's address (line, town, postcode,
       country). An address abroad ends with its country in capitals on a line of its own, as
       Royal Mail asks for post going overseas. -->
  <xsl:template match="address" mode="lines">
    <xsl:for-each select="line | town | postcode">
      <fo:block><xsl:value-of select="normalize-space(.)"/></fo:block>
    </xsl:for-each>
    <xsl:for-each select="country">
      <fo:block><xsl:call-template name="country-caps"/></fo:block>
    </xsl:for-each>
  </xsl:template>

  <!-- The country of an address, in capitals (ASCII and the Latin letters of the languages we
       write to; a script without case stays as it is). -->
  <xsl:template name="country-caps">
    <xsl:value-of select="translate(normalize-space(.),
        'abcdefghijklmnopqrstuvwxyzàáâäçèéêëìíîïñòóôöùúûüýÿąćęłńśźżŵŷ',
        'ABCDEFGHIJKLMNOPQRSTUVWXYZÀÁÂÄÇÈÉÊËÌÍÎÏÑÒÓÔÖÙÚÛÜÝŸĄĆĘŁŃŚŹŻŴŶ')"/>
  </xsl:template>

  <xsl:template name="letter">
    <xsl:param name="to"/>          <!-- the child or person written to -->
    <xsl:param name="also" select="$the-other"/> <!-- the second person of a letter to two -->
    <xsl:param name="subject"/>     <!-- RTF -->
    <xsl:param name="body"/>        <!-- RTF: the paragraphs -->
    <xsl:param name="contact" select="true()"/>
    <xsl:variable name="auth" select="$case/authority"/>
    <xsl:variable name="head.mm" select="$letter.text.top.mm - $page.margin.top.mm - $body.margin.top.mm"/>

    <!-- From: top right, clear of the window (left and right are the sheet's, in a right-to-left
         copy too: the window is where the envelope has it). Real content (who wrote), not an
         artifact. -->
    <fo:block-container height="{$head.mm}mm" role="Div" language="{$case/@lang}">
      <fo:block xsl:use-attribute-sets="letter.sender.properties"
          margin-left="{$window.left.mm + $window.width.mm - $page.margin.inner.mm + 3}mm">
        <fo:block xsl:use-attribute-sets="letter.authority.properties"><xsl:value-of select="normalize-space($auth/name)"/></fo:block>
        <fo:block><xsl:value-of select="normalize-space($auth/service)"/></fo:block>
        <fo:block><xsl:value-of select="normalize-space($auth/team)"/></fo:block>
        <xsl:apply-templates select="$auth/address" mode="lines"/>
        <xsl:if test="$auth/phone">
          <fo:block>
            <xsl:call-template name="t">
              <xsl:with-param name="key" select="'contact.phone'"/>
              <xsl:with-param name="s1" select="normalize-space($auth/phone)"/>
            </xsl:call-template>
          </fo:block>
        </xsl:if>
        <xsl:if test="$auth/email">
          <fo:block><xsl:value-of select="normalize-space($auth/email)"/></fo:block>
        </xsl:if>
      </fo:block>
    </fo:block-container>

    <!-- To: in the envelope window, placed on the sheet itself (fixed), never moved by the flow. -->
    <fo:block-container absolute-position="fixed"
        top="{$window.top.mm}mm" left="{$window.left.mm}mm"
        width="{$window.width.mm}mm" height="{$window.height.mm}mm">
      <!-- the address is case data, in the case's language (left to right in an Urdu copy) -->
      <fo:block xsl:use-attribute-sets="letter.address.properties" role="Div" language="{$case/@lang}">
        <xsl:variable name="to-lines">
          <fo:block>
            <xsl:choose>
              <xsl:when test="$to/self::child">
                <xsl:call-template name="one-name">
                  <xsl:with-param name="id" select="$to/@id"/>
                  <xsl:with-param name="mode" select="'full'"/>
                </xsl:call-template>
              </xsl:when>
              <xsl:otherwise><xsl:apply-templates select="$to" mode="full-name"/></xsl:otherwise>
            </xsl:choose>
          </fo:block>
          <xsl:for-each select="$also">
            <fo:block><xsl:apply-templates select="." mode="full-name"/></fo:block>
          </xsl:for-each>
          <xsl:if test="$to/@kind = 'professional' and $to/role">
            <fo:block><xsl:value-of select="normalize-space($to/role)"/></fo:block>
          </xsl:if>
          <xsl:if test="$to/agency and not($to/address/line[1] = $to/agency)">
            <fo:block><xsl:value-of select="normalize-space($to/agency)"/></fo:block>
          </xsl:if>
          <xsl:apply-templates select="$to/address" mode="lines"/>
        </xsl:variable>
        <!-- an address longer than the window holds at the reader's size is set smaller: it
             is read by the post, and only arrives when all of it shows in the window -->
        <xsl:variable name="lines" select="1 + count($also) + count($to[@kind = 'professional']/role) +
            count($to/agency[not(. = $to/address/line[1])]) + count($to/address/*)"/>
        <xsl:choose>
          <xsl:when test="$lines &gt; $window.address.lines">
            <fo:block xsl:use-attribute-sets="letter.address.compact.properties"><xsl:copy-of select="$to-lines"/></fo:block>
          </xsl:when>
          <xsl:otherwise><xsl:copy-of select="$to-lines"/></xsl:otherwise>
        </xsl:choose>
      </fo:block>
    </fo:block-container>

    <fo:block xsl:use-attribute-sets="letter.date.properties" role="Div">
      <fo:block>
        <xsl:call-template name="date"><xsl:with-param name="iso" select="$date"/></xsl:call-template>
      </fo:block>
      <fo:block>
        <xsl:call-template name="t">
          <xsl:with-param name="key" select="'letter.ref'"/>
          <xsl:with-param name="s1" select="string($case/@ref)"/>
        </xsl:call-template>
      </fo:block>
    </fo:block>

    <fo:block xsl:use-attribute-sets="para.properties" role="P">
      <xsl:call-template name="t">
        <xsl:with-param name="key" select="'letter.dear'"/>
        <xsl:with-param name="s1">
          <xsl:choose>
            <xsl:when test="$also">
              <xsl:call-template name="t">
                <xsl:with-param name="key" select="'list.and'"/>
                <xsl:with-param name="s1"><xsl:apply-templates select="$to" mode="salutation"/></xsl:with-param>
                <xsl:with-param name="s2"><xsl:apply-templates select="$also" mode="salutation"/></xsl:with-param>
              </xsl:call-template>
            </xsl:when>
            <xsl:otherwise><xsl:apply-templates select="$to" mode="salutation"/></xsl:otherwise>
          </xsl:choose>
        </xsl:with-param>
      </xsl:call-template>
    </fo:block>

    <fo:block xsl:use-attribute-sets="letter.subject.properties" role="H1" id="part-title-letter">
      <xsl:copy-of select="$subject"/>
    </fo:block>

    <xsl:copy-of select="$body"/>

    <xsl:if test="$contact">
      <xsl:call-template name="letter-contact"/>
    </xsl:if>

    <!-- the sign-off and signature never stand alone on a page -->
    <fo:block xsl:use-attribute-sets="letter.signature.properties" role="Div"
        keep-together.within-page="always" keep-with-previous.within-page="always">
      <fo:block>
        <xsl:call-template name="t">
          <xsl:with-param name="key" select="concat('letter.signoff.', $reader)"/>
        </xsl:call-template>
      </fo:block>
      <fo:block space-before="{$signature.gap}" xsl:use-attribute-sets="strong.properties">
        <xsl:apply-templates select="$signatory" mode="name"/>
      </fo:block>
      <fo:block><xsl:value-of select="normalize-space($signatory/role)"/></fo:block>
    </fo:block>
  </xsl:template>

  <!-- "Sorry this is late": when a letter is dated (sent) after the day it was due. -->
  <xsl:template name="letter-late">
    <xsl:param name="due"/>
    <xsl:if test="number(translate($date, '-', '')) &gt; number(translate($due, '-', ''))">
      <xsl:call-template name="para">
        <xsl:with-param name="key" select="concat('letter.late.', $reader)"/>
        <xsl:with-param name="s1"><xsl:call-template name="date"><xsl:with-param name="iso" select="$due"/></xsl:call-template></xsl:with-param>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- Who to contact: the lead professional, with phone and email. -->
  <xsl:template name="letter-contact">
    <xsl:param name="key" select="concat('letter.contact.', $reader)"/>
    <xsl:variable name="who" select="$signatory"/>
    <xsl:call-template name="para">
      <xsl:with-param name="key" select="$key"/>
      <xsl:with-param name="s1"><xsl:apply-templates select="$who" mode="name"/></xsl:with-param>
      <xsl:with-param name="s2">
        <xsl:call-template name="contact-ways">
          <xsl:with-param name="phone" select="$who/phone | $case/authority/phone[not($who/phone)]"/>
          <xsl:with-param name="email" select="$who/email | $case/authority/email[not($who/email)]"/>
        </xsl:call-template>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- "on 01632 960141 or at name@example" -->
  <xsl:template name="contact-ways">
    <xsl:param name="phone"/>
    <xsl:param name="email"/>
    <xsl:choose>
      <xsl:when test="$phone and $email">
        <xsl:call-template name="t">
          <xsl:with-param name="key" select="'contact.phone.email'"/>
          <xsl:with-param name="s1" select="translate(normalize-space($phone), ' ', '&#160;')"/>
          <xsl:with-param name="s2" select="normalize-space($email)"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="$phone">
        <xsl:call-template name="t">
          <xsl:with-param name="key" select="'contact.phone.only'"/>
          <xsl:with-param name="s1" select="translate(normalize-space($phone), ' ', '&#160;')"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="t">
          <xsl:with-param name="key" select="'contact.email.only'"/>
          <xsl:with-param name="s1" select="normalize-space($email)"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Where a young person of 18 or more turns for help as an adult: the authority's adult
       services, or, when the authority gives none, the lead professional who can put them in
       touch. -->
  <xsl:template name="adult-services">
    <xsl:variable name="a" select="$case/authority/adult-services"/>
    <xsl:choose>
      <xsl:when test="$a">
        <xsl:call-template name="para">
          <xsl:with-param name="key" select="'adult.services'"/>
          <xsl:with-param name="s1" select="normalize-space($a/name)"/>
          <xsl:with-param name="s2">
            <xsl:call-template name="contact-ways">
              <xsl:with-param name="phone" select="$a/phone"/>
              <xsl:with-param name="email" select="$a/email"/>
            </xsl:call-template>
          </xsl:with-param>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="para">
          <xsl:with-param name="key" select="'adult.services.ask'"/>
          <xsl:with-param name="s1"><xsl:apply-templates select="$signatory" mode="name"/></xsl:with-param>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- How to complain: the authority's complaints team. -->
  <xsl:template name="complaints">
    <xsl:param name="key" select="concat('complain.', $reader)"/>
    <xsl:variable name="c" select="$case/authority/complaints"/>
    <xsl:call-template name="para">
      <xsl:with-param name="key" select="$key"/>
      <xsl:with-param name="s1" select="normalize-space($c/name)"/>
      <xsl:with-param name="s2">
        <xsl:call-template name="contact-ways">
          <xsl:with-param name="phone" select="$c/phone"/>
          <xsl:with-param name="email" select="$c/email"/>
        </xsl:call-template>
      </xsl:with-param>
      <xsl:with-param name="s3">
        <xsl:for-each select="$c/address/line | $c/address/town | $c/address/postcode | $c/address/country">
          <xsl:if test="position() != 1">
            <xsl:call-template name="t"><xsl:with-param name="key" select="'address.sep'"/></xsl:call-template>
          </xsl:if>
          <xsl:value-of select="normalize-space(.)"/>
        </xsl:for-each>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>
</xsl:stylesheet>
