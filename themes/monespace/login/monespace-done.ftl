<#--
  Screen 2.5 (espace created and activated) and the end of recovery (3.4 success).
  "Retour à la connexion" posts to the journey, which signs the doctor in and hands over to
  the MonEspace home. Attribute: journey.
-->
<#import "template.ftl" as layout>
<#import "monespace.ftl" as me>
<#assign recovery = (journey!"creation") == "recovery">
<@layout.registrationLayout; section>
  <#if section = "header">
    ${msg(recovery?then("monespaceRecoveredTitle", "monespaceCreatedTitle"))}
  <#elseif section = "form">
    <@me.messageBox type="success" key=recovery?then("monespaceRecoveredText", "monespaceCreatedText") id="me-done"/>
    <@me.form action=url.loginAction id="me-done-form">
      <@me.actions>
        <@me.secondaryButton labelKey="monespaceBackToLogin" value="continue" style="link" formnovalidate=false/>
      </@me.actions>
    </@me.form>
  </#if>
</@layout.registrationLayout>
