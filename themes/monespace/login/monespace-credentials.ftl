<#--
  Screens 2.4a "Finaliser la création de votre espace" (code by SMS), 2.4b "Créer mon compte"
  (code by e-mail: login e-mail fixed to the proven address) and 3.4 "Finaliser la récupération
  de votre espace". Attributes: journey, credentials {variant: creation-sms | creation-email |
  recovery, fixedEmail?}, values (email, emailConfirm); field errors on email, emailConfirm,
  password, passwordConfirm.
-->
<#import "template.ftl" as layout>
<#import "monespace.ftl" as me>
<#assign variant = credentials.variant>
<#assign fixedEmail = (credentials.fixedEmail)!"">
<#assign titles = {"creation-sms": "monespaceFinalizeCreationTitle", "creation-email": "monespaceCreateAccountTitle", "recovery": "monespaceFinalizeRecoveryTitle"}>
<#assign intros = {"creation-sms": "monespaceFinalizeCreationText", "creation-email": "", "recovery": "monespaceFinalizeRecoveryText"}>
<@layout.registrationLayout displayRequiredFields=!fixedEmail?has_content; section>
  <#if section = "header">
    ${msg(titles[variant])}
  <#elseif section = "form">
    <#if intros[variant]?has_content><@me.text key=intros[variant]/></#if>
    <@me.form action=url.loginAction id="me-credentials-form">
      <#if fixedEmail?has_content>
        <@me.textField name="fixedEmail" labelKey="monespaceLoginEmail" value=fixedEmail readonly=true type="email"
            hintKey="monespaceLoginEmailFixedHint"/>
      <#else>
        <@me.textField name="email" labelKey="monespaceEmail" type="email" required=true requiredMark=true
            value=(values.email)!"" autocomplete="email" spellcheck="false" autocapitalize="none" maxlength="254"/>
        <@me.textField name="emailConfirm" labelKey="monespaceEmailConfirm" type="email" required=true requiredMark=true
            value=(values.emailConfirm)!"" autocomplete="email" spellcheck="false" autocapitalize="none" maxlength="254"/>
      </#if>
      <#if (emailTaken!false) && variant == "recovery">
        <@me.messageBox type="info" key="monespaceEmailTakenResetHint" id="me-email-taken"
            links=[{"url": url.loginResetCredentialsUrl, "key": "monespaceEmailTakenResetLink"}]/>
      </#if>
      <@me.passwordField name="password" labelKey="monespacePassword" autocomplete="new-password" requiredMark=true
          strength=true strengthEmailField=fixedEmail?has_content?then("", "email") strengthEmail=fixedEmail/>
      <@me.passwordField name="passwordConfirm" labelKey="monespacePasswordConfirm" autocomplete="new-password" requiredMark=true/>
      <@me.actions>
        <@me.primaryButton labelKey=(variant == "creation-email")?then("monespaceDoCreate", "monespaceDoActivate")/>
      </@me.actions>
    </@me.form>
  </#if>
</@layout.registrationLayout>
