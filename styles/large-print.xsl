<?xml version="1.0" encoding="UTF-8"?>
<!-- large-print.xsl - large print, after clear-print guidance: body text at 16 pt and never
     smaller than 14 pt, headings larger still, left-aligned (never justified), no italics,
     generous line spacing, strong contrast. Imports the standard style and overrides only what
     differs. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:fo="http://www.w3.org/1999/XSL/Format">

  <xsl:import href="standard.xsl"/>

  <xsl:param name="body.font.size">16pt</xsl:param>
  <xsl:param name="small.font.size">14pt</xsl:param>
  <xsl:param name="table.font.size">16pt</xsl:param>
  <xsl:param name="body.line-height">1.5</xsl:param>
  <xsl:param name="rtl.line-height">2.2</xsl:param>
  <xsl:param name="body.text-align">start</xsl:param>
  <xsl:param name="text.color">#000000</xsl:param>
  <xsl:param name="muted.color">#000000</xsl:param>
  <xsl:param name="quote.font.style">normal</xsl:param>
  <xsl:param name="region.before.extent.mm" select="24"/>
  <xsl:param name="region.after.extent.mm" select="16"/>
  <xsl:param name="body.margin.top.mm" select="28"/>
  <xsl:param name="body.margin.bottom.mm" select="20"/>
  <xsl:param name="letter.text.top.mm" select="95"/>
  <xsl:param name="item.label.width">40%</xsl:param>
  <xsl:param name="item.text.width">60%</xsl:param>
  <xsl:param name="scaling.col1.width">28%</xsl:param>
  <xsl:param name="scaling.col2.width">14%</xsl:param>
  <xsl:param name="scaling.col3.width">38%</xsl:param>
  <xsl:param name="scaling.col4.width">20%</xsl:param>
  <!-- a first meeting has no "last time" column: the reason takes its width -->
  <xsl:param name="scaling.col3.first.width">58%</xsl:param>
  <!-- the plan's agreement page: name, signature, date; a row tall enough to sign in -->
  <xsl:param name="agree.col1.width">45%</xsl:param>
  <xsl:param name="agree.col2.width">33%</xsl:param>
  <xsl:param name="agree.col3.width">22%</xsl:param>
  <xsl:param name="agree.row.height">20mm</xsl:param>

  <xsl:attribute-set name="marking.properties">
    <xsl:attribute name="font-size">14pt</xsl:attribute>
  </xsl:attribute-set>
  <xsl:attribute-set name="title.properties">
    <xsl:attribute name="font-size">26pt</xsl:attribute>
  </xsl:attribute-set>
  <xsl:attribute-set name="subtitle.properties">
    <xsl:attribute name="font-size">18pt</xsl:attribute>
  </xsl:attribute-set>
  <xsl:attribute-set name="section.title.level1.properties">
    <xsl:attribute name="font-size">21pt</xsl:attribute>
  </xsl:attribute-set>
  <xsl:attribute-set name="section.title.level2.properties">
    <xsl:attribute name="font-size">18pt</xsl:attribute>
  </xsl:attribute-set>
  <xsl:attribute-set name="quote.properties">
    <xsl:attribute name="font-size">17pt</xsl:attribute>
    <xsl:attribute name="border-start-width">3pt</xsl:attribute>
  </xsl:attribute-set>
  <xsl:attribute-set name="item.title.properties">
    <xsl:attribute name="font-size">18pt</xsl:attribute>
  </xsl:attribute-set>
  <xsl:attribute-set name="score.properties">
    <xsl:attribute name="font-size">18pt</xsl:attribute>
  </xsl:attribute-set>
  <xsl:attribute-set name="note.properties">
    <xsl:attribute name="color">#000000</xsl:attribute>
  </xsl:attribute-set>
  <!-- the sender's details share the top of the sheet with the envelope window: 11.5 pt is the
       largest at which an email address fits beside it -->
  <xsl:attribute-set name="letter.sender.properties">
    <xsl:attribute name="font-size">11.5pt</xsl:attribute>
  </xsl:attribute-set>
  <xsl:attribute-set name="letter.authority.properties">
    <xsl:attribute name="font-size">15pt</xsl:attribute>
  </xsl:attribute-set>
  <!-- the address stays inside the envelope window: 14 pt is the largest that fits five lines
       (a longer one is set as the standard style's compact address) -->
  <xsl:param name="window.address.lines" select="5"/>
  <xsl:attribute-set name="letter.address.properties">
    <xsl:attribute name="font-size">14pt</xsl:attribute>
    <xsl:attribute name="line-height">1.2</xsl:attribute>
  </xsl:attribute-set>
  <xsl:attribute-set name="letter.subject.properties">
    <xsl:attribute name="font-size">18pt</xsl:attribute>
  </xsl:attribute-set>
</xsl:stylesheet>
